import { Alert, Button, Descriptions, Form, Input, Modal, Space, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, postIdempotent } from '../../shared/api';
import { useLastOpened } from '../../shared/action-modal';
import { MemberLink, Money } from '../../shared/finance';
import type { ConsoleWalletOrder } from '../../shared/finance-types';
import { parseYuan } from '../../shared/money';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';

interface Props {
  /** The credited top-up to refund; null when closed. */
  order: ConsoleWalletOrder | null;
  onClose(): void;
  onChanged(): void;
}

/**
 * Refund part or all of a credited top-up back to where it came from (the member's money is frozen
 * until the provider confirms). Money moves: one Idempotency-Key per attempt, reused on a retry.
 */
export function RefundModal({ order: current, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const order = useLastOpened(current);
  const [form] = Form.useForm<{ amount: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const { keyFor, reset } = useIdempotencyKey();
  useEffect(() => {
    if (current) reset();
  }, [current, reset]);

  const submit = async (values: { amount: string; reason: string }) => {
    if (!order) return;
    const request = { amount: parseYuan(values.amount.trim())!, reason: values.reason.trim() };
    setBusy(true);
    try {
      const refund = await postIdempotent<{ status: string }>(`/wallet/orders/${order.id}/refunds`, request, keyFor(request));
      void message.success(refund.status === 'succeeded' ? t('orders.refundDone') : t('orders.refundPending'));
      onClose();
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err));
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={current !== null}
      title={t('orders.refundTitle')}
      onCancel={() => !busy && onClose()}
      maskClosable={!busy}
      destroyOnHidden
      footer={
        <Space>
          <Button data-testid="refund-cancel" disabled={busy} onClick={onClose}>
            {t('finance.cancel')}
          </Button>
          <Button data-testid="refund-confirm" type="primary" danger loading={busy} onClick={() => form.submit()}>
            {t('orders.refundOk')}
          </Button>
        </Space>
      }
    >
      {order && (
        <>
          <Alert type="info" showIcon message={t('orders.refundNote')} style={{ marginBottom: 12 }} />
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'id', label: t('finance.orderId'), children: order.id },
              { key: 'member', label: t('finance.member'), children: <MemberLink id={order.memberId} /> },
              { key: 'amount', label: t('orders.orderAmount'), children: <Money fen={order.reportedAmount ?? order.amount} strong /> },
              { key: 'channel', label: t('orders.channel'), children: t(`orders.channels.${order.channel}`) },
            ]}
          />
        </>
      )}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item
          name="amount"
          label={t('orders.refundAmount')}
          rules={[
            {
              validator: (_, v: string | undefined) =>
                v && parseYuan(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('orders.refundAmountInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" data-testid="refund-amount" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('orders.refundReason')}
          rules={[{ required: true, whitespace: true, message: t('orders.refundReasonRequired') }, { max: 200 }]}
        >
          <Input.TextArea rows={2} maxLength={200} data-testid="refund-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
