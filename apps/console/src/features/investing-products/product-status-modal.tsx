import { Alert, Descriptions, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionModal, useLastOpened } from '../../shared/action-modal';
import { api } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { ProductStatusTag } from '../../shared/investing';
import type { Product } from '../../shared/investing-types';

export interface StatusTarget {
  product: Product;
  /** on_sale: 上架 a draft; closed: 下架 / 结束 for good. */
  status: 'on_sale' | 'closed';
}

interface Props {
  target: StatusTarget | null;
  onClose(): void;
  /** After the change (or a conflict): reload. */
  onChanged(): void;
}

/** Puts a draft on sale or closes a product, with the reason the API requires (audited). */
export function ProductStatusModal({ target: current, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const target = useLastOpened(current);
  const publish = target?.status === 'on_sale';
  const p = target?.product;
  // Closing a draft that was never on sale ends it; closing one on sale takes it off the shelf.
  const verb = publish ? 'publish' : p?.status === 'draft' ? 'end' : 'close';
  return (
    <ActionModal
      open={current !== null}
      title={t(`products.${verb}Title`)}
      danger={!publish}
      summary={
        p && (
          <>
            <Alert type={publish ? 'info' : 'warning'} showIcon message={t(`products.${verb}Warning`)} style={{ marginBottom: 12 }} />
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                { key: 'product', label: t('products.product'), children: `${p.code} ${p.name}` },
                { key: 'issuer', label: t('products.issuer'), children: p.issuer.name },
                { key: 'status', label: t('products.currentStatus'), children: <ProductStatusTag status={p.status} /> },
                {
                  key: 'window',
                  label: t('products.salesWindow'),
                  children: `${shanghaiTime(p.saleStartsAt)} – ${shanghaiTime(p.saleEndsAt)}`,
                },
              ]}
            />
          </>
        )
      }
      noteLabel={t('products.reason')}
      noteRequired={t('products.reasonRequired')}
      okText={t(`products.${verb}`)}
      onSubmit={async ({ note }) => {
        if (!target) return;
        await api('POST', `/investing/products/${target.product.id}/status`, { status: target.status, reason: note });
        void message.success(t(`products.${verb}Done`));
        onClose();
        onChanged();
      }}
      onStale={onChanged}
      onClose={onClose}
      testIdPrefix="product-status"
    />
  );
}
