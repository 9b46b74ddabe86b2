import { Alert, Button, Card, DatePicker, Form, Input, Modal, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiDate } from '../../shared/finance';
import type { Product } from '../../shared/investing-types';
import { useOperator } from '../../shared/operator-context';
import { formatBps, percentToBps } from '../../shared/rates';

interface Values {
  maturityDate: Dayjs;
  rate: string;
}

/** 录入到期实际年化收益率: holdings of this product maturing that day are paid principal + return from the issuer's account. */
export function FixedReturnCard({ product }: { product: Product }) {
  const { t } = useTranslation();
  const operate = useOperator().can('finance.operate');
  const [form] = Form.useForm<Values>();
  const [modal, contextHolder] = Modal.useModal();
  const [error, setError] = useState<string>();

  const save = async (maturityDate: string, actualBps: number) => {
    setError(undefined);
    try {
      await api('POST', `/investing/products/${product.id}/fixed-returns`, { maturityDate, actualBps });
      void message.success(t('fixedReturn.declared', { day: maturityDate, rate: formatBps(actualBps) }));
      form.resetFields(['rate']);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const confirm = ({ maturityDate, rate }: Values) => {
    const day = maturityDate.format('YYYY-MM-DD');
    const bps = percentToBps(rate)!;
    void modal.confirm({
      title: t('fixedReturn.confirmTitle'),
      content: t('fixedReturn.confirmBody', {
        product: product.name,
        day,
        rate: formatBps(bps),
        benchmark: formatBps(product.benchmarkBps),
      }),
      okText: t('fixedReturn.submit'),
      cancelText: t('finance.cancel'),
      okButtonProps: { 'data-testid': 'fixed-return-confirm' },
      onOk: () => save(day, bps),
    });
  };

  return (
    <Card title={t('fixedReturn.title')}>
      {contextHolder}
      <Alert type="info" showIcon message={t('fixedReturn.hint')} style={{ marginBottom: 16 }} />
      {!operate ? (
        <Alert type="warning" showIcon message={t('investing.readOnly')} />
      ) : (
        <Form<Values>
          form={form}
          layout="inline"
          onFinish={confirm}
          onValuesChange={() => setError(undefined)}
          initialValues={{ maturityDate: dayjs(shanghaiDate(0)) }}
          style={{ rowGap: 8, alignItems: 'flex-start' }}
        >
          <Form.Item
            name="maturityDate"
            label={t('fixedReturn.maturityDate')}
            rules={[{ required: true, message: t('fixedReturn.dateRequired') }]}
          >
            <DatePicker data-testid="fixed-return-date" allowClear={false} />
          </Form.Item>
          <Form.Item
            name="rate"
            label={t('fixedReturn.rate')}
            extra={t('fixedReturn.benchmarkWas', { benchmark: formatBps(product.benchmarkBps) })}
            rules={[
              { required: true, whitespace: true, message: t('fixedReturn.rateRequired') },
              {
                validator: (_, v?: string) => {
                  const bps = v?.trim() ? percentToBps(v) : 0;
                  return bps !== null && bps <= 5000 ? Promise.resolve() : Promise.reject(new Error(t('fixedReturn.rateRule')));
                },
              },
            ]}
          >
            <Input data-testid="fixed-return-rate" placeholder="3.20" addonAfter="%" inputMode="decimal" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="fixed-return-submit">
              {t('fixedReturn.submit')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {error && <Alert data-testid="fixed-return-error" type="error" showIcon message={error} style={{ marginTop: 16 }} />}
    </Card>
  );
}
