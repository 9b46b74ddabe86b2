import { Alert, Descriptions, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { postIdempotent } from '../../shared/api';
import { ActionModal, useLastOpened } from '../../shared/action-modal';
import { MemberLink, Money, shanghaiTime } from '../../shared/finance';
import type { ConsoleWalletOrder } from '../../shared/finance-types';

export type Decision = 'approve' | 'reject';

interface Props {
  /** The withdrawal and what the operator is about to do with it; null when closed. */
  target: { order: ConsoleWalletOrder; decision: Decision } | null;
  onClose(): void;
  onChanged(): void;
}

/** Approve (pay out) or reject (unfreeze) one withdrawal, with the note the API requires. Money moves: keyed. */
export function ReviewModal({ target: current, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const target = useLastOpened(current);
  const approve = target?.decision === 'approve';
  return (
    <ActionModal
      open={current !== null}
      title={approve ? t('review.approveTitle') : t('review.rejectTitle')}
      danger={!approve}
      summary={
        target && (
          <>
            <Alert
              type={approve ? 'warning' : 'info'}
              showIcon
              message={approve ? t('review.approveWarning') : t('review.rejectWarning')}
              style={{ marginBottom: 12 }}
            />
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'amount', label: t('finance.amount'), children: <Money fen={target.order.amount} strong /> },
                { key: 'member', label: t('finance.member'), children: <MemberLink id={target.order.memberId} /> },
                { key: 'card', label: t('finance.card'), children: `${target.order.bankName} ${target.order.cardMasked}` },
                { key: 'at', label: t('review.requestedAt'), children: shanghaiTime(target.order.createdAt) },
                { key: 'id', label: t('finance.orderId'), children: target.order.id },
              ]}
            />
          </>
        )
      }
      noteLabel={approve ? t('review.approveNote') : t('review.rejectReason')}
      okText={approve ? t('review.approve') : t('review.reject')}
      onSubmit={async ({ note }, key) => {
        if (!target) return;
        await postIdempotent(`/wallet/withdrawals/${target.order.id}/${target.decision}`, { note }, key);
        void message.success(approve ? t('review.approved') : t('review.rejected'));
        onClose();
        onChanged();
      }}
      onStale={onChanged}
      onClose={onClose}
      testIdPrefix="review"
    />
  );
}
