import { Alert, Button, Drawer, Form, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import type { Product } from '../../shared/investing-types';
import { ProductFormFields } from './product-form-fields';
import { toCreateProductRequest, type ProductFormValues } from './product-request';

/** The form's values: the sales window is one range picker. */
export type DrawerValues = Omit<ProductFormValues, 'saleStartsAt' | 'saleEndsAt'> & { saleWindow: [Dayjs, Dayjs] };

interface Props {
  open: boolean;
  onClose(): void;
  onCreated(product: Product): void;
}

const WALL = 'YYYY-MM-DDTHH:mm:00';

/** Defines a product as a draft; the server's reason for refusing one (PRODUCT_INVALID…) is shown under the form. */
export function NewProductDrawer({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DrawerValues>();
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();

  const submit = async ({ saleWindow, ...values }: DrawerValues) => {
    setSaving(true);
    setServerError(undefined);
    try {
      const body = toCreateProductRequest({ ...values, saleStartsAt: saleWindow[0].format(WALL), saleEndsAt: saleWindow[1].format(WALL) });
      const product = await api<Product>('POST', '/investing/products', body);
      onClose();
      onCreated(product);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={t('productForm.title')}
      width={760}
      destroyOnHidden
      maskClosable={!saving}
      onClose={() => !saving && onClose()}
      afterOpenChange={(visible) => !visible && setServerError(undefined)}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Space>
            <Button disabled={saving} onClick={onClose}>
              {t('finance.cancel')}
            </Button>
            <Button type="primary" data-testid="product-submit" loading={saving} onClick={() => form.submit()}>
              {t('productForm.submit')}
            </Button>
          </Space>
        </div>
      }
    >
      <Alert type="info" showIcon message={t('productForm.draftNote')} style={{ marginBottom: 16 }} />
      <Form<DrawerValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={saving}
        scrollToFirstError
        initialValues={{
          type: 'demand',
          experienceAllowed: false,
          t0DailyLimit: '10000',
          riskWarning: t('productForm.riskWarningTemplate'),
        }}
      >
        <ProductFormFields form={form} />
      </Form>
      {serverError && (
        <Alert data-testid="product-form-error" type="error" showIcon message={t('productForm.failed')} description={serverError} />
      )}
    </Drawer>
  );
}
