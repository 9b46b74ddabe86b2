import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOperator } from '../../shared/operator-context';
import { ProductSelect } from '../../shared/product-select';
import { UUID_PATTERN } from './group-model';

/**
 * The product a group (or announcement) is about. The catalogue list needs `ledger.read`; an operator
 * without it (a community manager) types the product id instead.
 */
export function ProductField({
  value,
  onChange,
  testId,
}: {
  value?: string | null;
  onChange?(v: string | undefined): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { can } = useOperator();
  if (can('ledger.read'))
    return (
      <ProductSelect
        data-testid={testId}
        value={value ?? undefined}
        onChange={(v) => onChange?.(v)}
        placeholder={t('groups.productPlaceholder')}
      />
    );
  return (
    <Input
      data-testid={testId}
      allowClear
      value={value ?? undefined}
      onChange={(e) => onChange?.(e.target.value || undefined)}
      placeholder={t('groups.productIdPlaceholder')}
    />
  );
}

export const productIdRule = (message: string) => ({ pattern: UUID_PATTERN, message });
