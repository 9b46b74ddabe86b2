import { Alert, Button, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionModal } from '../../shared/action-modal';
import { api } from '../../shared/api';
import type { Product } from '../../shared/investing-types';

/** Sets or lifts 新手专享 on a product, with the reason the audit log keeps. */
export function NewbieOnlyButton({ product: p, onChanged }: { product: Product; onChanged(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const next = !p.newbieOnly;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`product-newbie-${p.id}`}>
        {next ? t('products.newbieOnlyOn') : t('products.newbieOnlyOff')}
      </Button>
      <ActionModal
        open={open}
        title={next ? t('products.newbieOnlyOn') : t('products.newbieOnlyOff')}
        summary={<Alert type="info" showIcon message={next ? t('products.newbieOnlyConfirmOn') : t('products.newbieOnlyConfirmOff')} />}
        noteLabel={t('products.newbieOnlyReason')}
        noteRequired={t('products.newbieOnlyReasonRequired')}
        okText={next ? t('products.newbieOnlyOn') : t('products.newbieOnlyOff')}
        onSubmit={async ({ note }) => {
          await api('PUT', `/investing/products/${p.id}/newbie-only`, { newbieOnly: next, reason: note });
          void message.success(t('common.saved'));
          setOpen(false);
          onChanged();
        }}
        onStale={onChanged}
        onClose={() => setOpen(false)}
        testIdPrefix="product-newbie"
      />
    </>
  );
}
