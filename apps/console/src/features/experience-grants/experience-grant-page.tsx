import { Alert, Button, Card, Form, Input, InputNumber, Modal, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, errorMessage, postIdempotent } from '../../shared/api';
import { formatMoney, parseYuan } from '../../shared/money';
import { useOperator } from '../../shared/operator-context';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { LastGrant, type Granted } from './last-grant';

interface Values {
  memberId: string;
  amount: string;
  days: number;
  reason: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 体验金发放: marketing money a member may invest in demand products that allow it, never withdraw. Money moves: keyed. */
export function ExperienceGrantPage() {
  const { t } = useTranslation();
  const { can } = useOperator();
  const [form] = Form.useForm<Values>();
  const [modal, contextHolder] = Modal.useModal();
  const { keyFor, reset } = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [last, setLast] = useState<Granted>();

  const grant = async (body: { memberId: string; amount: string; days: number; reason: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      // The same request keeps its key, so a retry after a lost answer is replayed, never granted twice.
      const res = await postIdempotent<{ granted: boolean; id?: string; expiresAt?: string }>(
        '/investing/experience-grants',
        body,
        keyFor(body),
      );
      setLast({ ...res, memberId: body.memberId, amount: body.amount });
      void message.success(res.granted ? t('grants.done', { amount: formatMoney(body.amount) }) : t('grants.already'));
      reset();
      form.resetFields();
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'NOT_FOUND' ? t('grants.memberNotFound') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = (v: Values) => {
    const body = { memberId: v.memberId.trim(), amount: parseYuan(v.amount)!, days: v.days, reason: v.reason.trim() };
    void modal.confirm({
      title: t('grants.confirmTitle'),
      content: t('grants.confirmBody', { amount: formatMoney(body.amount), member: body.memberId, days: body.days }),
      okText: t('grants.submit'),
      cancelText: t('finance.cancel'),
      okButtonProps: { 'data-testid': 'grant-confirm' },
      onOk: () => grant(body),
    });
  };

  return (
    <Card title={t('menu.experienceGrants')}>
      {contextHolder}
      <Alert
        type="info"
        showIcon
        message={t('grants.noteTitle')}
        description={t('grants.note')}
        style={{ marginBottom: 24, maxWidth: 720 }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={confirm}
        onValuesChange={() => setError(undefined)}
        disabled={busy}
        initialValues={{ days: 7 }}
        style={{ maxWidth: 560 }}
      >
        <Form.Item
          name="memberId"
          label={t('grants.memberId')}
          extra={
            can('members.read') ? (
              <span>
                {t('grants.memberIdExtra')} <Link to="/members">{t('menu.members')}</Link>
              </span>
            ) : undefined
          }
          rules={[
            { required: true, whitespace: true, message: t('grants.memberIdRequired') },
            { pattern: UUID, message: t('orders.memberIdInvalid') },
          ]}
        >
          <Input data-testid="grant-member" placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" allowClear />
        </Form.Item>
        <Form.Item
          name="amount"
          label={t('grants.amount')}
          rules={[
            { required: true, whitespace: true, message: t('grants.amountRequired') },
            {
              validator: (_, v?: string) =>
                !v?.trim() || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('productForm.amountRule'))),
            },
          ]}
        >
          <Input data-testid="grant-amount" prefix="¥" addonAfter="元" inputMode="decimal" placeholder="0.00" />
        </Form.Item>
        <Form.Item
          name="days"
          label={t('grants.days')}
          extra={t('grants.daysExtra')}
          rules={[{ required: true, message: t('grants.daysRequired') }]}
        >
          <InputNumber
            data-testid="grant-days"
            min={1}
            max={90}
            precision={0}
            addonAfter={t('productForm.daysUnit')}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('grants.reason')}
          rules={[
            { required: true, whitespace: true, message: t('grants.reasonRequired') },
            { max: 100, message: t('grants.reasonRule') },
          ]}
        >
          <Input.TextArea data-testid="grant-reason" rows={2} maxLength={100} showCount placeholder={t('grants.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="grant-submit">
            {t('grants.submit')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert data-testid="grant-error" type="error" showIcon message={error} style={{ maxWidth: 720 }} />}
      {last && <LastGrant grant={last} />}
    </Card>
  );
}
