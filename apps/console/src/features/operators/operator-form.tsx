import type { Operator, OperatorRole } from '@quanzi/contracts';
import { OperatorRole as RoleSchema } from '@quanzi/contracts';
import { Form, Input, Modal, Select, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';

interface Props {
  /** null = create a new operator. */
  editing: Operator | null;
  open: boolean;
  onClose(): void;
  onSaved(): void;
}

export function OperatorForm({ editing, open, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ username: string; displayName: string; password: string; roles: OperatorRole[] }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open)
      form.setFieldsValue(
        editing ? { displayName: editing.displayName, roles: editing.roles } : { username: '', displayName: '', password: '', roles: [] },
      );
  }, [open, editing, form]);

  const submit = async (values: { username: string; displayName: string; password: string; roles: OperatorRole[] }) => {
    setSaving(true);
    try {
      if (editing) await api('PATCH', `/operators/${editing.id}`, { displayName: values.displayName, roles: values.roles });
      else await api('POST', '/operators', values);
      void message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t('operators.edit') : t('operators.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {!editing && (
          <Form.Item
            name="username"
            label={t('operators.username')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('operators.usernameRule') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('operators.displayName')} rules={[{ required: true, max: 32 }]}>
          <Input />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('operators.initialPassword')}
            rules={[{ required: true, min: 8, message: t('operators.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label={t('operators.roles')} rules={[{ required: true, message: t('operators.rolesRequired') }]}>
          <Select mode="multiple" options={RoleSchema.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
