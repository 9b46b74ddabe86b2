import { Button, Form, Select, Space, Typography, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import type { Issuer } from '../../shared/investing-types';
import { useLoad } from '../../shared/use-load';
import type { DrawerValues } from './new-product-drawer';

/** The issuer, from `GET /investing/issuers`; picking one fills the custodian disclosure unless finance wrote its own. */
export function IssuerField({ form }: { form: FormInstance<DrawerValues> }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: Issuer[] }>('GET', '/investing/issuers'), []);
  const issuers = data?.items ?? [];

  const picked = (id: string | undefined) => {
    const issuer = issuers.find((i) => i.id === id);
    const current = form.getFieldValue('custodian')?.trim();
    if (issuer && (!current || issuers.some((i) => i.custodian === current))) form.setFieldValue('custodian', issuer.custodian);
  };

  const extra = error ? (
    <Space size={4}>
      <Typography.Text type="danger">{error}</Typography.Text>
      <Button type="link" size="small" onClick={reload}>
        {t('common.retry')}
      </Button>
    </Space>
  ) : !loading && issuers.length === 0 ? (
    <span>
      {t('productForm.noIssuers')} <Link to="/investing/issuers">{t('menu.issuers')}</Link>
    </span>
  ) : undefined;

  return (
    <Form.Item
      name="issuerId"
      label={t('products.issuer')}
      extra={extra}
      rules={[{ required: true, message: t('productForm.issuerRequired') }]}
    >
      <Select
        data-testid="product-issuer"
        loading={loading}
        showSearch
        optionFilterProp="label"
        placeholder={t('productForm.issuerPlaceholder')}
        onChange={picked}
        options={issuers.map((i) => ({ value: i.id, label: `${i.name}（${t(`investing.issuerKind.${i.kind}`)}）` }))}
      />
    </Form.Item>
  );
}
