import type { Page } from '@quanzi/contracts';
import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from './api';
import type { Product } from './investing-types';
import { useLoad } from './use-load';

/** Picks one product of the catalogue (any state) by code or name, for the filters of orders and holdings. */
export function ProductSelect(props: Omit<SelectProps<string>, 'options' | 'loading' | 'showSearch'>) {
  const { t } = useTranslation();
  const { data, loading, error } = useLoad(() => api<Page<Product>>('GET', '/investing/products?page=1&pageSize=100'), []);
  return (
    <Select<string>
      allowClear
      showSearch
      optionFilterProp="label"
      loading={loading}
      placeholder={t('investing.allProducts')}
      notFoundContent={error ?? undefined}
      options={(data?.items ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
      {...props}
    />
  );
}
