import { Button, Form, Input, Modal, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';

interface Props {
  memberId: string;
  field: 'phone' | 'idNumber' | 'cardNumber';
  cardId?: string;
}

/** Shows one full value after the operator states why; the server audits the read before answering. */
export function RevealButton({ memberId, field, cardId }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const submit = async ({ reason }: { reason: string }) => {
    setLoading(true);
    try {
      const res = await api<{ value: string }>('POST', `/members/${memberId}/reveal`, { field, reason, ...(cardId ? { cardId } : {}) });
      setValue(res.value);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const close = () => {
    setOpen(false);
    setValue(undefined);
    form.resetFields();
  };

  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)}>
        {t('members.reveal')}
      </Button>
      <Modal
        open={open}
        title={t('members.revealTitle')}
        onCancel={close}
        footer={value ? <Button onClick={close}>{t('common.close')}</Button> : undefined}
        onOk={() => form.submit()}
        confirmLoading={loading}
      >
        {value ? (
          <Typography.Paragraph copyable strong style={{ fontSize: 18 }}>
            {value}
          </Typography.Paragraph>
        ) : (
          <Form form={form} layout="vertical" onFinish={submit}>
            <Typography.Paragraph type="warning">{t('members.revealWarning')}</Typography.Paragraph>
            <Form.Item
              name="reason"
              label={t('members.revealReason')}
              rules={[{ required: true, min: 2, message: t('members.revealReasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </>
  );
}
