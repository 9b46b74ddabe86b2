import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ProductSelect } from './product-select';

export interface InvestFilters {
  memberId?: string;
  productId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The member and product filters of investing orders and holdings, starting from `?memberId=` / `?productId=`. */
export function useInvestFilters() {
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<InvestFilters>({
    memberId: params.get('memberId') ?? undefined,
    productId: params.get('productId') ?? undefined,
  });
  const query = (page: number, pageSize: number): string => {
    const q = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
    if (filters.memberId) q.set('memberId', filters.memberId);
    if (filters.productId) q.set('productId', filters.productId);
    return q.toString();
  };
  return { filters, setFilters, query };
}

export function InvestFilterForm({
  initial,
  testIdPrefix,
  onSearch,
}: {
  initial: InvestFilters;
  testIdPrefix: string;
  onSearch(f: InvestFilters): void;
}) {
  const { t } = useTranslation();
  return (
    <Form<InvestFilters>
      layout="inline"
      initialValues={initial}
      onFinish={(v) => onSearch({ memberId: v.memberId?.trim() || undefined, productId: v.productId || undefined })}
      style={{ marginBottom: 16, rowGap: 8 }}
    >
      <Form.Item name="productId">
        <ProductSelect data-testid={`${testIdPrefix}-filter-product`} style={{ width: 280 }} />
      </Form.Item>
      <Form.Item name="memberId" rules={[{ pattern: UUID, message: t('orders.memberIdInvalid') }]}>
        <Input data-testid={`${testIdPrefix}-filter-member`} allowClear placeholder={t('orders.memberIdFilter')} style={{ width: 320 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid={`${testIdPrefix}-search`}>
          {t('finance.search')}
        </Button>
      </Form.Item>
    </Form>
  );
}
