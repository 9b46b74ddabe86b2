import { IssuerKind as KindSchema } from '@quanzi/contracts';
import { Alert, Form, Input, Modal, Select, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import type { IssuerKind } from '../../shared/investing-types';

interface Values {
  name: string;
  kind: IssuerKind;
  licenseNo: string;
  custodian: string;
}

interface Props {
  open: boolean;
  onClose(): void;
  onSaved(): void;
}

/** Adds an issuer (`POST /investing/issuers`); audited. */
export function IssuerForm({ open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const text = (required: string) => [
    { required: true, whitespace: true, message: required },
    { min: 2, max: 64, message: t('issuers.lengthRule') },
  ];

  const submit = async (values: Values) => {
    setSaving(true);
    setError(undefined);
    try {
      await api('POST', '/investing/issuers', {
        name: values.name.trim(),
        kind: values.kind,
        licenseNo: values.licenseNo.trim(),
        custodian: values.custodian.trim(),
      });
      void message.success(t('issuers.created', { name: values.name.trim() }));
      onClose();
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('issuers.create')}
      onCancel={() => !saving && onClose()}
      onOk={() => form.submit()}
      okText={t('issuers.submit')}
      cancelText={t('finance.cancel')}
      okButtonProps={{ 'data-testid': 'issuer-submit' }}
      confirmLoading={saving}
      maskClosable={!saving}
      afterClose={() => setError(undefined)}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={saving}>
        <Form.Item name="name" label={t('issuers.name')} rules={text(t('issuers.nameRequired'))}>
          <Input data-testid="issuer-name" maxLength={64} placeholder={t('issuers.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('issuers.kind')} rules={[{ required: true, message: t('issuers.kindRequired') }]}>
          <Select
            data-testid="issuer-kind"
            placeholder={t('issuers.kindPlaceholder')}
            options={KindSchema.options.map((k) => ({ value: k, label: t(`investing.issuerKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="licenseNo" label={t('issuers.licenseNo')} rules={text(t('issuers.licenseRequired'))}>
          <Input data-testid="issuer-license" maxLength={64} placeholder={t('issuers.licensePlaceholder')} />
        </Form.Item>
        <Form.Item name="custodian" label={t('issuers.custodian')} rules={text(t('issuers.custodianRequired'))}>
          <Input data-testid="issuer-custodian" maxLength={64} placeholder={t('issuers.custodianPlaceholder')} />
        </Form.Item>
      </Form>
      {error && <Alert data-testid="issuer-error" type="error" showIcon message={error} />}
    </Modal>
  );
}
