import { ReconResolution as ResolutionSchema } from '@quanzi/contracts';
import { Descriptions, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ActionModal, useLastOpened } from '../../shared/action-modal';
import { Money } from '../../shared/finance';
import type { ReconItem, ReconResolution } from '../../shared/finance-types';

interface Props {
  item: ReconItem | null;
  onClose(): void;
  onChanged(): void;
}

/** Records how a reconciliation difference was resolved; the note is required and audited. */
export function ResolveItemModal({ item: current, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const item = useLastOpened(current);
  return (
    <ActionModal<ReconResolution>
      open={current !== null}
      title={t('recon.resolveTitle')}
      summary={
        item && (
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'problem', label: t('recon.problem'), children: t(`recon.problems.${item.problem}`) },
              { key: 'date', label: t('recon.billDate'), children: item.billDate },
              { key: 'order', label: t('finance.orderId'), children: item.orderId ?? '—' },
              { key: 'ref', label: t('finance.gatewayRef'), children: item.gatewayRef ?? '—' },
              { key: 'ours', label: t('recon.ourAmount'), children: <Money fen={item.ourAmount} /> },
              { key: 'bill', label: t('recon.billAmount'), children: <Money fen={item.billAmount} /> },
            ]}
          />
        )
      }
      choices={{
        label: t('recon.resolution'),
        options: ResolutionSchema.options.map((r) => ({ value: r, label: t(`recon.resolutions.${r}`) })),
      }}
      okText={t('recon.resolve')}
      onSubmit={async ({ choice, note }) => {
        if (!item) return;
        await api('POST', `/wallet/reconciliation/items/${item.id}/resolve`, { resolution: choice, note });
        void message.success(t('recon.resolved'));
        onClose();
        onChanged();
      }}
      onStale={onChanged}
      onClose={onClose}
      testIdPrefix="recon-resolve"
    />
  );
}
