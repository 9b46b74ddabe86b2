import { Alert, Descriptions, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { postIdempotent } from '../../shared/api';
import { ActionModal, useLastOpened } from '../../shared/action-modal';
import { MemberLink, Money } from '../../shared/finance';
import type { ConsoleWalletOrder } from '../../shared/finance-types';
import { fenSign, formatMoney } from '../../shared/money';

type HeldAction = 'credit_reported' | 'close';

interface Props {
  /** The held top-up under review; null when closed. */
  order: ConsoleWalletOrder | null;
  onClose(): void;
  /** After a decision (or a conflict): reload the list. */
  onChanged(): void;
}

/** A top-up whose gateway reported a different amount: credit what was received, or close it. Money moves: keyed. */
export function HeldTopUpModal({ order: current, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const order = useLastOpened(current);
  const reported = order?.reportedAmount ?? null;
  const canCredit = reported !== null && fenSign(reported) > 0;
  return (
    <ActionModal<HeldAction>
      open={current !== null}
      title={t('orders.resolveHeldTitle')}
      summary={
        order && (
          <>
            <Alert type="warning" showIcon message={order.failureReason ?? t('finance.status.held')} style={{ marginBottom: 12 }} />
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'id', label: t('finance.orderId'), children: order.id },
                { key: 'member', label: t('finance.member'), children: <MemberLink id={order.memberId} /> },
                { key: 'amount', label: t('orders.orderAmount'), children: <Money fen={order.amount} strong /> },
                { key: 'reported', label: t('orders.reportedAmount'), children: <Money fen={reported} strong /> },
                { key: 'card', label: t('finance.card'), children: `${order.bankName} ${order.cardMasked}` },
                { key: 'ref', label: t('finance.gatewayRef'), children: order.gatewayRef ?? '—' },
              ]}
            />
          </>
        )
      }
      choices={{
        label: t('orders.heldAction'),
        options: [
          {
            value: 'credit_reported',
            label: canCredit ? t('orders.creditReported', { amount: formatMoney(reported) }) : t('orders.creditUnavailable'),
            disabled: !canCredit,
          },
          { value: 'close', label: t('orders.closeOrder') },
        ],
      }}
      okText={t('orders.resolveHeldOk')}
      onSubmit={async ({ choice, note }, key) => {
        if (!order) return;
        await postIdempotent(`/wallet/top-ups/${order.id}/resolve`, { action: choice, note }, key);
        void message.success(choice === 'close' ? t('orders.resolvedClosed') : t('orders.resolvedCredited'));
        onClose();
        onChanged();
      }}
      onStale={onChanged}
      onClose={onClose}
      testIdPrefix="held"
    />
  );
}
