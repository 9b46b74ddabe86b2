import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../shared/investing-types';
import type { StatusTarget } from './product-status-modal';

/** 上架 for a draft; 下架 for a product on sale or sold out; 结束 for a draft never sold. Closed is final. */
export function ProductActions({ product: p, onChange }: { product: Product; onChange(target: StatusTarget): void }) {
  const { t } = useTranslation();
  return (
    <Space>
      {p.status === 'draft' && (
        <Button
          size="small"
          type="primary"
          data-testid={`product-publish-${p.id}`}
          onClick={() => onChange({ product: p, status: 'on_sale' })}
        >
          {t('products.publish')}
        </Button>
      )}
      {p.status !== 'closed' && (
        <Button size="small" danger data-testid={`product-close-${p.id}`} onClick={() => onChange({ product: p, status: 'closed' })}>
          {p.status === 'draft' ? t('products.end') : t('products.close')}
        </Button>
      )}
    </Space>
  );
}
