import { CopyOutlined, PushpinOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LIMITS, slowModeOptions, toSettingsRequest, type ConsoleGroup, type SettingsFormValues } from './group-model';
import { SlowModeLabel } from './slow-mode';

/** Slow mode, announcement and description (saved after a confirm), the invite code and the pinned message. */
export function GroupSettings({ group, onChanged }: { group: ConsoleGroup; onChanged(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SettingsFormValues>();
  const [modal, contextHolder] = Modal.useModal();
  const [error, setError] = useState<string>();
  const saved = { description: group.description, announcement: group.announcement ?? '', slowModeSeconds: group.slowModeSeconds };
  // After a save (or someone else's change) the form shows what the group now has.
  useEffect(() => {
    form.setFieldsValue({ description: group.description, announcement: group.announcement ?? '', slowModeSeconds: group.slowModeSeconds });
  }, [form, group.description, group.announcement, group.slowModeSeconds]);

  const patch = async (body: object, done: string) => {
    setError(undefined);
    try {
      await api<ConsoleGroup>('PATCH', `/groups/${group.id}`, body);
      void message.success(done);
      onChanged();
    } catch (err) {
      const text = errorMessage(err);
      setError(text);
      void message.error(text);
      throw err;
    }
  };

  const save = (values: SettingsFormValues) => {
    const body = toSettingsRequest(values, group);
    if (!body) {
      setError(t('groups.unchanged'));
      return;
    }
    void modal.confirm({
      title: t('groups.saveTitle'),
      content: t('groups.saveBody'),
      okText: t('communityCommon.save'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { 'data-testid': 'group-settings-confirm' },
      onOk: () => patch(body, t('common.saved')),
    });
  };

  const rotate = () =>
    void modal.confirm({
      title: t('groups.rotateTitle'),
      content: t('groups.rotateBody'),
      okText: t('groups.rotate'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'group-rotate-confirm' },
      onOk: () => patch({ rotateInviteCode: true }, t('groups.rotated')),
    });

  const unpin = () =>
    void modal.confirm({
      title: t('groups.unpinTitle'),
      content: t('groups.unpinBody'),
      okText: t('groups.unpin'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { 'data-testid': 'group-unpin-confirm' },
      onOk: () => patch({ pinnedMessageId: null }, t('groups.unpinned')),
    });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {contextHolder}
      <Card size="small" title={t('groups.settings')}>
        <Form<SettingsFormValues>
          form={form}
          layout="vertical"
          onFinish={save}
          onValuesChange={() => setError(undefined)}
          initialValues={saved}
        >
          <Form.Item name="slowModeSeconds" label={t('groups.slowMode')} extra={t('groups.slowModeHint')}>
            <Select
              data-testid="group-settings-slow-mode"
              style={{ width: 200 }}
              options={slowModeOptions(group.slowModeSeconds).map((s) => ({ value: s, label: <SlowModeLabel seconds={s} /> }))}
            />
          </Form.Item>
          <Form.Item name="announcement" label={t('groups.announcement')} extra={t('groups.announcementHint')}>
            <Input.TextArea data-testid="group-settings-announcement" rows={3} maxLength={LIMITS.announcement} showCount />
          </Form.Item>
          <Form.Item name="description" label={t('groups.description')}>
            <Input.TextArea data-testid="group-settings-description" rows={3} maxLength={LIMITS.description} showCount />
          </Form.Item>
          {error && <Alert data-testid="group-settings-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Space>
            <Button type="primary" htmlType="submit" data-testid="group-settings-save">
              {t('communityCommon.save')}
            </Button>
            <Button
              onClick={() => {
                form.setFieldsValue(saved);
                setError(undefined);
              }}
            >
              {t('groups.reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Card size="small" title={t('groups.inviteCode')}>
        {group.inviteCode ? (
          <Space wrap>
            <Typography.Text
              data-testid="group-invite-code"
              code
              copyable={{
                text: group.inviteCode,
                icon: [<CopyOutlined key="c" />, undefined],
                tooltips: [t('groups.copy'), t('groups.copied')],
              }}
              style={{ fontSize: 18, letterSpacing: 2 }}
            >
              {group.inviteCode}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} data-testid="group-rotate" onClick={rotate}>
              {t('groups.rotate')}
            </Button>
          </Space>
        ) : group.joinPolicy === 'invite' ? (
          <Space wrap>
            <Typography.Text type="secondary">{t('groups.noInviteCode')}</Typography.Text>
            <Button icon={<ReloadOutlined />} data-testid="group-rotate" onClick={rotate}>
              {t('groups.makeCode')}
            </Button>
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('groups.inviteNotUsed')}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('groups.pinned')}>
        <Space wrap>
          <Typography.Text type="secondary">
            <PushpinOutlined /> {t('groups.pinHint')}
          </Typography.Text>
          <Button data-testid="group-unpin" onClick={unpin}>
            {t('groups.unpin')}
          </Button>
        </Space>
      </Card>
    </Space>
  );
}
