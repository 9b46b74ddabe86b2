import type { ShippingAddress } from '@quanzi/contracts';
import { Button, Form, Input, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../shared/use-submit';

/** 收货地址: recipient, mobile, address line — sent once, stored encrypted on the server. */
export function AddressForm({ onSubmit }: { onSubmit: (address: ShippingAddress) => Promise<void> }) {
  const { t } = useTranslation();
  const { submit, submitting, error } = useSubmit(onSubmit);
  return (
    <Form
      layout="vertical"
      onFinish={(v: ShippingAddress) => submit({ name: v.name.trim(), phone: v.phone.trim(), address: v.address.trim() })}
      footer={
        <>
          {error && <div className="form-error">{error}</div>}
          <Button block color="primary" type="submit" loading={submitting} data-testid="address-submit">
            {t('rewards.address.submit')}
          </Button>
        </>
      }
    >
      <Form.Header>{t('rewards.address.title')}</Form.Header>
      <Form.Item name="name" label={t('rewards.address.name')} rules={[{ required: true, max: 30 }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="phone" label={t('rewards.address.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/ }]}>
        <Input type="tel" maxLength={11} />
      </Form.Item>
      <Form.Item name="address" label={t('rewards.address.address')} rules={[{ required: true, min: 5, max: 200 }]}>
        <TextArea rows={2} maxLength={200} />
      </Form.Item>
    </Form>
  );
}
