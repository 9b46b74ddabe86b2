import type { ConsoleLiveSession, LiveSession } from '@quanzi/contracts';
import { Alert, Button, DatePicker, Drawer, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { UUID_PATTERN } from '../community-groups/group-model';
import { GroupSelect } from '../community-groups/group-select';
import {
  LIMITS,
  isFutureWall,
  isValidStreamUrl,
  shanghaiWall,
  toScheduleRequest,
  toUpdateRequest,
  type LiveFormValues,
} from './live-model';

type FormValues = Omit<LiveFormValues, 'scheduledWall'> & { scheduledAt?: Dayjs };
const WALL = 'YYYY-MM-DDTHH:mm';

interface Props {
  /** `'new'` to schedule one, a session to edit it, null when closed. */
  session: ConsoleLiveSession | 'new' | null;
  onClose(): void;
  onSaved(session: LiveSession): void;
}

/** Schedules or edits a live session; times are China time. Saving asks first; server refusals stay under the form. */
export function LiveFormDrawer({ session, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const [modal, contextHolder] = Modal.useModal();
  const editing = session !== null && session !== 'new' ? session : null;
  const startLocked = editing !== null && editing.status !== 'scheduled';

  useEffect(() => {
    if (session === null) return;
    setServerError(undefined);
    form.resetFields();
    if (session !== 'new')
      form.setFieldsValue({
        title: session.title,
        description: session.description,
        hostName: session.hostName,
        hostMemberId: session.hostMemberId ?? undefined,
        streamUrl: session.streamUrl,
        scheduledAt: dayjs(shanghaiWall(session.scheduledAt)),
        groupId: session.groupId ?? undefined,
      });
  }, [session, form]);

  const save = async (values: LiveFormValues) => {
    setSaving(true);
    setServerError(undefined);
    try {
      let saved: LiveSession;
      if (editing) {
        const body = toUpdateRequest(values, editing);
        if (!body) {
          setServerError(t('live.unchanged'));
          return;
        }
        saved = await api<LiveSession>('PATCH', `/live/${editing.id}`, body);
      } else saved = await api<LiveSession>('POST', '/live', toScheduleRequest(values));
      onClose();
      onSaved(saved);
    } catch (err) {
      setServerError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const confirm = ({ scheduledAt, ...rest }: FormValues) => {
    const values: LiveFormValues = { ...rest, scheduledWall: scheduledAt?.format(WALL) };
    void modal.confirm({
      title: editing ? t('live.saveTitle') : t('live.scheduleTitle'),
      content: editing ? t('live.saveBody') : t('live.scheduleBody', { at: values.scheduledWall?.replace('T', ' ') }),
      okText: editing ? t('communityCommon.save') : t('live.schedule'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { 'data-testid': 'live-save-confirm' },
      onOk: () => save(values),
    });
  };

  return (
    <Drawer
      open={session !== null}
      title={editing ? t('live.editTitle', { title: editing.title }) : t('live.create')}
      width={600}
      maskClosable={!saving}
      onClose={() => !saving && onClose()}
      footer={
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Space>
            <Button disabled={saving} onClick={onClose}>
              {t('communityCommon.cancel')}
            </Button>
            <Button type="primary" data-testid="live-submit" loading={saving} onClick={() => form.submit()}>
              {editing ? t('communityCommon.save') : t('live.schedule')}
            </Button>
          </Space>
        </div>
      }
    >
      {contextHolder}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={confirm}
        disabled={saving}
        scrollToFirstError
        onValuesChange={() => setServerError(undefined)}
      >
        <Form.Item
          name="title"
          label={t('live.titleLabel')}
          rules={[
            { required: true, whitespace: true, message: t('live.titleRequired') },
            { min: LIMITS.titleMin, max: LIMITS.titleMax, message: t('live.titleLength', { min: LIMITS.titleMin, max: LIMITS.titleMax }) },
          ]}
        >
          <Input data-testid="live-title" maxLength={LIMITS.titleMax} showCount />
        </Form.Item>
        <Form.Item name="description" label={t('live.description')}>
          <Input.TextArea data-testid="live-description" rows={4} maxLength={LIMITS.description} showCount />
        </Form.Item>
        <Form.Item
          name="hostName"
          label={t('live.hostName')}
          extra={t('live.hostNameHint')}
          rules={[{ required: true, whitespace: true, message: t('live.hostNameRequired') }]}
        >
          <Input data-testid="live-host-name" maxLength={LIMITS.hostName} showCount />
        </Form.Item>
        <Form.Item
          name="hostMemberId"
          label={t('live.hostMember')}
          extra={t('live.hostMemberHint')}
          rules={[{ pattern: UUID_PATTERN, message: t('communityCommon.memberIdInvalid') }]}
        >
          <Input data-testid="live-host-member" allowClear placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
        </Form.Item>
        <Form.Item
          name="streamUrl"
          label={t('live.streamUrl')}
          extra={t('live.streamUrlHint')}
          rules={[
            { required: true, whitespace: true, message: t('live.streamUrlRequired') },
            {
              validator: (_, v?: string) =>
                !v?.trim() || isValidStreamUrl(v) ? Promise.resolve() : Promise.reject(new Error(t('live.streamUrlInvalid'))),
            },
          ]}
        >
          <Input data-testid="live-stream-url" maxLength={LIMITS.streamUrl} placeholder="https://live.example.com/room/123" />
        </Form.Item>
        <Form.Item
          name="scheduledAt"
          label={t('live.scheduledAt')}
          extra={startLocked ? t('live.startLocked') : t('live.scheduledAtHint')}
          rules={[
            { required: true, message: t('live.scheduledAtRequired') },
            {
              validator: (_, v?: Dayjs) =>
                startLocked || !v || isFutureWall(v.format(WALL))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('live.scheduledAtPast'))),
            },
          ]}
        >
          <DatePicker
            data-testid="live-scheduled-at"
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            disabled={startLocked}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item name="groupId" label={t('live.group')} extra={editing ? t('live.groupFixed') : t('live.groupHint')}>
          <GroupSelect testId="live-group" disabled={!!editing} />
        </Form.Item>
      </Form>
      {serverError && (
        <Alert data-testid="live-form-error" type="error" showIcon message={t('live.saveFailed')} description={serverError} />
      )}
    </Drawer>
  );
}
