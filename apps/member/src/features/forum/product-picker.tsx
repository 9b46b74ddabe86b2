import { NEWCOMER_PRODUCT_CARDS_PER_DAY, THREAD_PRODUCT_TAGS_MAX } from '@quanzi/contracts';
import { Button, CheckList, Popup, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { bpsText } from '../invest/format';
import { forumApi } from './forum-api';

export interface PickedProduct {
  id: string;
  name: string;
}

/** Products on sale or sold out (newest first, as the investing API lists them), up to five picked. */
export function ProductPicker({
  visible,
  value,
  onClose,
  onChange,
}: {
  visible: boolean;
  value: PickedProduct[];
  onClose: () => void;
  onChange: (products: PickedProduct[]) => void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string[]>([]);
  const list = useLoad(async () => (visible ? forumApi.products(1) : undefined), [visible]);
  useEffect(() => {
    if (visible) setPicked(value.map((p) => p.id));
  }, [visible, value]);
  const items = list.data?.items ?? [];
  const known = new Map([...value.map((p) => [p.id, p.name] as const), ...items.map((p) => [p.id, p.name] as const)]);
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '75vh', overflowY: 'auto' }}>
      <div className="page-body" data-testid="product-picker">
        <h3 style={{ margin: '4px 0 8px' }}>{t('forum.product.pick', { max: THREAD_PRODUCT_TAGS_MAX })}</h3>
        <p className="muted" style={{ margin: '0 0 8px', fontSize: 12 }} data-testid="product-picker-hint">
          {t('forum.product.hint', { max: NEWCOMER_PRODUCT_CARDS_PER_DAY })}
        </p>
        {!list.data ? (
          <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
        ) : items.length === 0 ? (
          <p className="muted">{t('forum.product.none')}</p>
        ) : (
          <CheckList
            multiple
            value={picked}
            onChange={(v) => {
              const next = v.map(String);
              if (next.length > THREAD_PRODUCT_TAGS_MAX) {
                Toast.show({ content: t('forum.product.max', { max: THREAD_PRODUCT_TAGS_MAX }) });
                return;
              }
              setPicked(next);
            }}
          >
            {items.map((p) => (
              <CheckList.Item
                key={p.id}
                value={p.id}
                description={`${t('forum.product.benchmark')} ${bpsText(p.benchmarkBps)} · R${p.riskLevel}`}
              >
                {p.name}
              </CheckList.Item>
            ))}
          </CheckList>
        )}
        <Button
          block
          color="primary"
          style={{ marginTop: 12 }}
          onClick={() => {
            onChange(picked.map((id) => ({ id, name: known.get(id) ?? id })));
            onClose();
          }}
          data-testid="product-pick-done"
        >
          {t('forum.product.done', { count: picked.length })}
        </Button>
      </div>
    </Popup>
  );
}
