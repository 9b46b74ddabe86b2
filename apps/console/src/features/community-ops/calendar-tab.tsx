import type { CalendarEntry } from '@quanzi/contracts';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
  message,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { ComplianceAlert } from './compliance-alert';
import { WEEKDAYS } from './ops-model';

interface NearDuplicate {
  source: 'post' | 'entry';
  id: string;
  excerpt: string;
  at: string | null;
  distance: number;
}
interface CalendarData {
  items: CalendarEntry[];
  recentPosts: Array<{ id: string; entryId: string; excerpt: string; postedAt: string }>;
}
type FormValues = { title: string; body: string; repeat: CalendarEntry['repeat']; time: Dayjs; weekday?: number; date?: Dayjs };
const STATUS_COLOR: Record<CalendarEntry['status'], string> = { scheduled: 'blue', paused: 'gold', done: 'green', cancelled: 'default' };

/** 内容日历: what the official account posts in this group, when (Beijing time); near-duplicates are flagged before saving. */
export function CalendarTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const base = `/groups/${groupId}/calendar`;
  const { data, error, loading, reload } = useLoad(() => api<CalendarData>('GET', base), [base]);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [form] = Form.useForm<FormValues>();
  const repeat = Form.useWatch('repeat', form);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      title: v.title,
      body: v.body,
      repeat: v.repeat,
      time: v.time.format('HH:mm'),
      ...(v.repeat === 'weekly' ? { weekday: v.weekday } : {}),
      ...(v.repeat === 'once' && v.date ? { date: v.date.format('YYYY-MM-DD') } : {}),
    };
    setSaving(true);
    setSaveError(undefined);
    try {
      const { nearDuplicates } = await api<{ nearDuplicates: NearDuplicate[] }>('POST', `${base}/check`, { body: v.body });
      if (nearDuplicates.length && !(await confirmDuplicates(nearDuplicates))) return;
      await api('POST', base, body);
      void message.success(t('common.saved'));
      setOpen(false);
      form.resetFields();
      void reload();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };
  const confirmDuplicates = (items: NearDuplicate[]) =>
    new Promise<boolean>((resolve) =>
      Modal.confirm({
        title: t('ops.calendar.nearDuplicateTitle'),
        width: 560,
        content: (
          <List
            size="small"
            dataSource={items}
            renderItem={(d) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Typography.Text>{d.excerpt}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`ops.calendar.dupSource.${d.source}`)} · {shanghaiTime(d.at)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        ),
        okText: t('ops.calendar.scheduleAnyway'),
        cancelText: t('communityCommon.cancel'),
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const when = (e: CalendarEntry) =>
    e.repeat === 'daily'
      ? t('ops.calendar.daily', { time: e.time })
      : e.repeat === 'weekly'
        ? t('ops.calendar.weekly', { day: t(`ops.weekdays.${e.weekday ?? 1}`), time: e.time })
        : t('ops.calendar.once', { time: shanghaiTime(e.nextRunAt) });

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setOpen(true)} data-testid="calendar-add">
          {t('ops.calendar.add')}
        </Button>
        <Typography.Text type="secondary">{t('ops.calendar.note')}</Typography.Text>
      </Space>
      <LoadError error={error} onRetry={() => void reload()} />
      <Table<CalendarEntry>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('ops.calendar.empty') }}
        columns={[
          {
            title: t('ops.calendar.title'),
            key: 'title',
            render: (_, e) => (
              <Space direction="vertical" size={0} style={{ maxWidth: 380 }}>
                <Space size={4}>
                  <Typography.Text strong>{e.title}</Typography.Text>
                  {e.fromSop && <Tag color="purple">SOP</Tag>}
                </Space>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
                  {e.body}
                </Typography.Paragraph>
              </Space>
            ),
          },
          { title: t('ops.calendar.when'), key: 'when', render: (_, e) => when(e) },
          {
            title: t('ops.calendar.next'),
            dataIndex: 'nextRunAt',
            render: (v: string | null, e) => (e.status === 'scheduled' ? shanghaiTime(v) : '—'),
          },
          {
            title: t('ops.alarms.status'),
            dataIndex: 'status',
            render: (s: CalendarEntry['status']) => <Tag color={STATUS_COLOR[s]}>{t(`ops.calendar.statuses.${s}`)}</Tag>,
          },
          { title: t('ops.calendar.posts'), dataIndex: 'postCount' },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, e) =>
              e.status === 'done' ? null : (
                <Space>
                  {e.status === 'scheduled' ? (
                    <Button size="small" onClick={() => void act(() => api('PATCH', `${base}/${e.id}`, { status: 'paused' }))}>
                      {t('ops.calendar.pause')}
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => void act(() => api('PATCH', `${base}/${e.id}`, { status: 'scheduled' }))}>
                      {t('ops.calendar.resume')}
                    </Button>
                  )}
                  <Popconfirm title={t('ops.calendar.confirmCancel')} onConfirm={() => void act(() => api('DELETE', `${base}/${e.id}`))}>
                    <Button size="small" danger>
                      {t('ops.calendar.cancel')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('ops.calendar.recent')}
      </Typography.Title>
      <List
        size="small"
        bordered
        locale={{ emptyText: t('ops.calendar.noRecent') }}
        dataSource={data?.recentPosts ?? []}
        renderItem={(p) => (
          <List.Item>
            <Typography.Text type="secondary" style={{ marginRight: 12 }}>
              {shanghaiTime(p.postedAt)}
            </Typography.Text>
            {p.excerpt}
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('ops.calendar.add')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={saving}
        destroyOnClose
        width={600}
      >
        <ComplianceAlert error={saveError} />
        <Alert type="info" showIcon message={t('ops.calendar.complianceNote')} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" initialValues={{ repeat: 'daily' }}>
          <Form.Item
            name="title"
            label={t('ops.calendar.title')}
            rules={[{ required: true, whitespace: true, message: t('ops.required') }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="body" label={t('ops.calendar.body')} rules={[{ required: true, whitespace: true, message: t('ops.required') }]}>
            <Input.TextArea rows={5} maxLength={2000} showCount />
          </Form.Item>
          <Space wrap>
            <Form.Item name="repeat" label={t('ops.calendar.repeat')}>
              <Select
                style={{ width: 120 }}
                options={(['daily', 'weekly', 'once'] as const).map((r) => ({ value: r, label: t(`ops.calendar.repeats.${r}`) }))}
              />
            </Form.Item>
            {repeat === 'weekly' && (
              <Form.Item name="weekday" label={t('ops.roster.weekday')} rules={[{ required: true, message: t('ops.required') }]}>
                <Select style={{ width: 100 }} options={WEEKDAYS.map((d) => ({ value: d, label: t(`ops.weekdays.${d}`) }))} />
              </Form.Item>
            )}
            {repeat === 'once' && (
              <Form.Item name="date" label={t('ops.calendar.date')} rules={[{ required: true, message: t('ops.required') }]}>
                <DatePicker />
              </Form.Item>
            )}
            <Form.Item
              name="time"
              label={t('ops.calendar.time')}
              extra={t('ops.shanghaiHint')}
              rules={[{ required: true, message: t('ops.required') }]}
            >
              <TimePicker format="HH:mm" minuteStep={5} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  );
}
