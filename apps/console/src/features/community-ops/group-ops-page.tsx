import type { OpsGroupSettings } from '@quanzi/contracts';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Space, Switch, Tabs, TimePicker, message } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { GroupSelect } from '../community-groups/group-select';
import { KeywordRepliesTab } from './keyword-replies-tab';
import { CalendarTab } from './calendar-tab';
import { SopApplicationsTab } from './sop-page';

/** 社群运营: one group's alarm minutes, working hours and welcome message, plus the tabs above. */
export function GroupOpsPage() {
  const { t } = useTranslation();
  const [groupId, setGroupId] = useState<string | undefined>(() => new URLSearchParams(window.location.search).get('group') ?? undefined);
  return (
    <Card title={t('menu.groupOps')}>
      <Space style={{ marginBottom: 16 }}>
        {t('ops.group')}
        <div style={{ minWidth: 280 }}>
          <GroupSelect value={groupId} onChange={setGroupId} testId="ops-group-select" placeholder={t('ops.pickGroup')} />
        </div>
      </Space>
      {groupId ? (
        <Tabs
          items={[
            { key: 'alarm', label: t('ops.tabs.alarm'), children: <AlarmSettings groupId={groupId} key={groupId} /> },
            { key: 'welcome', label: t('ops.tabs.welcome'), children: <WelcomeSettings groupId={groupId} key={groupId} /> },
            { key: 'keywords', label: t('ops.tabs.keywords'), children: <KeywordRepliesTab groupId={groupId} key={groupId} /> },
            { key: 'calendar', label: t('ops.tabs.calendar'), children: <CalendarTab groupId={groupId} key={groupId} /> },
            { key: 'sop', label: t('ops.tabs.sop'), children: <SopApplicationsTab groupId={groupId} key={groupId} /> },
          ]}
        />
      ) : (
        <Empty description={t('ops.pickGroup')} />
      )}
    </Card>
  );
}

function useSettings(groupId: string) {
  return useLoad(() => api<OpsGroupSettings>('GET', `/groups/${groupId}/ops-settings`), [groupId]);
}

async function saveSettings(groupId: string, body: unknown, savedText: string, done: () => void) {
  try {
    await api('PUT', `/groups/${groupId}/ops-settings`, body);
    void message.success(savedText);
    done();
  } catch (err) {
    void message.error(errorMessage(err));
  }
}

function AlarmSettings({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useSettings(groupId);
  const [form] = Form.useForm<{ alarmMinutes: number; limited: boolean; range?: [Dayjs, Dayjs] }>();
  useEffect(() => {
    if (data)
      form.setFieldsValue({
        alarmMinutes: data.alarmMinutes,
        limited: !!data.workingHours,
        range: data.workingHours ? [dayjs(data.workingHours.start, 'HH:mm'), dayjs(data.workingHours.end, 'HH:mm')] : undefined,
      });
  }, [data, form]);
  const limited = Form.useWatch('limited', form);
  const submit = async () => {
    const v = await form.validateFields();
    await saveSettings(
      groupId,
      {
        alarmMinutes: v.alarmMinutes,
        workingHours: v.limited && v.range ? { start: v.range[0].format('HH:mm'), end: v.range[1].format('HH:mm') } : null,
      },
      t('common.saved'),
      () => void reload(),
    );
  };
  return (
    <>
      <LoadError error={error} onRetry={() => void reload()} />
      <Alert type="info" showIcon message={t('ops.alarmSettings.note')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={loading} style={{ maxWidth: 480 }}>
        <Form.Item name="alarmMinutes" label={t('ops.alarmSettings.minutes')} rules={[{ required: true, message: t('ops.required') }]}>
          <InputNumber min={1} max={1440} addonAfter={t('ops.minutes')} data-testid="ops-alarm-minutes" />
        </Form.Item>
        <Form.Item name="limited" label={t('ops.alarmSettings.workingHours')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {limited && (
          <Form.Item
            name="range"
            label={t('ops.alarmSettings.range')}
            extra={t('ops.shanghaiHint')}
            rules={[{ required: true, message: t('ops.required') }]}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        )}
        <Button type="primary" onClick={() => void submit()} data-testid="ops-alarm-save">
          {t('communityCommon.save')}
        </Button>
      </Form>
    </>
  );
}

function WelcomeSettings({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useSettings(groupId);
  const [form] = Form.useForm<{ enabled: boolean; welcomeTemplate?: string }>();
  useEffect(() => {
    if (data) form.setFieldsValue({ enabled: !!data.welcomeTemplate, welcomeTemplate: data.welcomeTemplate ?? '' });
  }, [data, form]);
  const enabled = Form.useWatch('enabled', form);
  const submit = async () => {
    const v = await form.validateFields();
    await saveSettings(
      groupId,
      { welcomeTemplate: v.enabled ? (v.welcomeTemplate ?? '').trim() : null },
      t('common.saved'),
      () => void reload(),
    );
  };
  return (
    <>
      <LoadError error={error} onRetry={() => void reload()} />
      <Alert type="info" showIcon message={t('ops.welcome.note')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" disabled={loading} style={{ maxWidth: 560 }}>
        <Form.Item name="enabled" label={t('ops.welcome.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {enabled && (
          <Form.Item
            name="welcomeTemplate"
            label={t('ops.welcome.template')}
            extra={t('ops.welcome.hint')}
            rules={[{ required: true, whitespace: true, message: t('ops.required') }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount data-testid="ops-welcome-template" />
          </Form.Item>
        )}
        <Button type="primary" onClick={() => void submit()}>
          {t('communityCommon.save')}
        </Button>
      </Form>
    </>
  );
}
