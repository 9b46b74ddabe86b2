import { Alert, Button, DatePicker, Form, Input, Modal, Typography, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiDate } from '../../shared/finance';
import type { DeclaredYield, Product } from '../../shared/investing-types';
import { PER10K_PATTERN, formatBps, per10kToAnnualBps } from '../../shared/rates';

/** Above 10% a year a demand product's 万份收益 is almost certainly a misplaced decimal point. */
const UNUSUAL_BPS = 1000;

interface Values {
  day: Dayjs;
  per10k: string;
}

interface Props {
  product: Product;
  /** What is already declared: a credited day cannot change, an uncredited one is overwritten. */
  declared: DeclaredYield[];
  onDeclared(): void;
}

/** 录入万份收益: a day and the issuer's value, confirmed before it is saved. */
export function DeclareYieldForm({ product, declared, onDeclared }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [modal, contextHolder] = Modal.useModal();
  const [error, setError] = useState<string>();
  const value = Form.useWatch('per10k', form);
  const annual = typeof value === 'string' ? per10kToAnnualBps(value) : null;
  const today = shanghaiDate(0);

  const save = async (day: string, per10k: string) => {
    setError(undefined);
    try {
      await api('POST', `/investing/products/${product.id}/yields`, { day, per10k });
      void message.success(t('yields.declared', { day, value: per10k }));
      form.resetFields(['per10k']);
      onDeclared();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const confirm = ({ day: picked, per10k: raw }: Values) => {
    const day = picked.format('YYYY-MM-DD');
    const per10k = raw.trim();
    const existing = declared.find((y) => y.day === day);
    const bps = per10kToAnnualBps(per10k);
    void modal.confirm({
      title: t('yields.confirmTitle'),
      content: (
        <>
          <p>{t('yields.confirmBody', { product: product.name, day, value: per10k, annual: bps === null ? '—' : formatBps(bps) })}</p>
          {existing && <p>{t('yields.confirmOverwrite', { value: existing.per10k })}</p>}
        </>
      ),
      okText: t('yields.submit'),
      cancelText: t('finance.cancel'),
      okButtonProps: { 'data-testid': 'yield-confirm' },
      onOk: () => save(day, per10k),
    });
  };

  return (
    <>
      {contextHolder}
      <Form<Values>
        form={form}
        layout="inline"
        onFinish={confirm}
        onValuesChange={() => setError(undefined)}
        initialValues={{ day: dayjs(today) }}
        style={{ marginBottom: 16, rowGap: 8, alignItems: 'flex-start' }}
      >
        <Form.Item
          name="day"
          label={t('yields.day')}
          rules={[
            { required: true, message: t('yields.dayRequired') },
            {
              validator: (_, d?: Dayjs) =>
                d && declared.some((y) => y.day === d.format('YYYY-MM-DD') && y.credited)
                  ? Promise.reject(new Error(t('yields.dayCredited')))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker data-testid="yield-day" allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
        <Form.Item
          name="per10k"
          label={t('yields.per10k')}
          rules={[
            { required: true, whitespace: true, message: t('yields.valueRequired') },
            { pattern: PER10K_PATTERN, message: t('yields.valueRule') },
          ]}
        >
          <Input data-testid="yield-value" placeholder="0.6512" addonAfter={t('yields.unit')} inputMode="decimal" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="yield-submit">
            {t('yields.submit')}
          </Button>
        </Form.Item>
        {annual !== null && (
          <Form.Item>
            <Typography.Text
              data-testid="yield-annual"
              type={annual > UNUSUAL_BPS ? 'warning' : 'secondary'}
              style={{ lineHeight: '32px' }}
            >
              {t(annual > UNUSUAL_BPS ? 'yields.annualUnusual' : 'yields.annualHint', { annual: formatBps(annual) })}
            </Typography.Text>
          </Form.Item>
        )}
      </Form>
      {error && <Alert data-testid="yield-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
    </>
  );
}
