import { MARKETING_TOPICS, MEMBER_CHANNELS, TRANSACTIONAL_TOPICS } from '@quanzi/contracts';
import type { DeliveryView, MailOutboxItem, Page, SendView, TemplateView } from '@quanzi/contracts';
import { formatShanghaiTime } from '@quanzi/web-kit';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';

const TOPICS = [...MARKETING_TOPICS, ...TRANSACTIONAL_TOPICS];
const CHANNELS = MEMBER_CHANNELS;
const STATUS_COLOR: Record<string, string> = {
  delivered: 'green',
  sent: 'blue',
  queued: 'default',
  sending: 'processing',
  deferred: 'gold',
  skipped: 'default',
  failed: 'red',
};

/** Offending words from a 422 MARKETING_COMPLIANCE, marked in the text they came from. */
function ComplianceError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { violations?: Array<{ word: string; field?: string }>; missingRiskWarnings?: string[] } | undefined;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      message={error.message}
      description={
        details?.violations?.length ? (
          <Space wrap>
            {t('touch.offending')}
            {details.violations.map((v, i) => (
              <Tag color="red" key={i}>
                {v.word}
                {v.field ? ` · ${v.field}` : ''}
              </Tag>
            ))}
          </Space>
        ) : details?.missingRiskWarnings?.length ? (
          t('touch.missingWarning')
        ) : undefined
      }
    />
  );
}

export function TemplatesPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: TemplateView[] }>('GET', '/notification-templates'), []);
  const [editing, setEditing] = useState<TemplateView | 'new' | null>(null);
  const [saveError, setSaveError] = useState<unknown>();
  const [form] = Form.useForm();
  const open = (tpl: TemplateView | 'new') => {
    setSaveError(undefined);
    setEditing(tpl);
    form.setFieldsValue(
      tpl === 'new'
        ? { topic: 'campaign_news', channels: ['in_app'], variables: [], failoverToInApp: false }
        : {
            ...tpl,
            title: tpl.content['zh-CN'].title,
            body: tpl.content['zh-CN'].body,
            sms: tpl.content['zh-CN'].sms,
            enTitle: tpl.content.en?.title,
            enBody: tpl.content.en?.body,
          },
    );
  };
  const save = async () => {
    const v = await form.validateFields();
    const content = {
      'zh-CN': { title: v.title, body: v.body, ...(v.sms ? { sms: v.sms } : {}) },
      ...(v.enTitle && v.enBody ? { en: { title: v.enTitle, body: v.enBody } } : {}),
    };
    const common = {
      name: v.name,
      channels: v.channels,
      failoverToInApp: !!v.failoverToInApp,
      content,
      variables: v.variables ?? [],
      productIds: [],
      activityLinkId: null,
      wechatTemplateId: v.wechatTemplateId || null,
      smsTemplateCode: null,
    };
    try {
      if (editing === 'new') await api('POST', '/notification-templates', { ...common, code: v.code, topic: v.topic });
      else if (editing) await api('PUT', `/notification-templates/${editing.id}`, common);
      message.success(t('touch.saved'));
      setEditing(null);
      reload();
    } catch (err) {
      setSaveError(err);
    }
  };
  return (
    <Card
      title={t('menu.templates')}
      extra={
        <Button type="primary" onClick={() => open('new')}>
          {t('touch.newTemplate')}
        </Button>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<TemplateView>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('touch.noTemplates') }}
        pagination={false}
        columns={[
          { title: t('touch.code'), dataIndex: 'code' },
          { title: t('touch.name'), dataIndex: 'name' },
          { title: t('touch.topic'), dataIndex: 'topic', render: (v: string) => <Tag>{t(`touch.topics.${v}`)}</Tag> },
          {
            title: t('touch.channels'),
            dataIndex: 'channels',
            render: (v: string[]) => v.map((c) => <Tag key={c}>{t(`touch.channel.${c}`)}</Tag>),
          },
          { title: t('touch.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('touch.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatShanghaiTime(v, true) },
          {
            title: '',
            key: 'edit',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => open(r)}>
                {t('touch.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('touch.newTemplate') : t('touch.edit')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        width={640}
        destroyOnClose
      >
        <ComplianceError error={saveError} />
        {saveError !== undefined && !(saveError instanceof ApiError && saveError.code === 'MARKETING_COMPLIANCE') && (
          <Alert type="error" showIcon message={errorMessage(saveError)} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical">
          {editing === 'new' && (
            <Space>
              <Form.Item name="code" label={t('touch.code')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_.-]{1,63}$/ }]}>
                <Input placeholder="campaign.weekend" />
              </Form.Item>
              <Form.Item name="topic" label={t('touch.topic')} rules={[{ required: true }]}>
                <Select style={{ width: 160 }} options={TOPICS.map((v) => ({ value: v, label: t(`touch.topics.${v}`) }))} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="name" label={t('touch.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="channels" label={t('touch.channels')} rules={[{ required: true }]}>
            <Select mode="multiple" options={CHANNELS.map((v) => ({ value: v, label: t(`touch.channel.${v}`) }))} />
          </Form.Item>
          <Form.Item name="variables" label={t('touch.variables')} extra={t('touch.variablesHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="title" label={t('touch.titleZh')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('touch.bodyZh')} rules={[{ required: true, max: 1000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="sms" label={t('touch.smsZh')} extra={t('touch.smsHint')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="enTitle" label={t('touch.titleEn')}>
            <Input />
          </Form.Item>
          <Form.Item name="enBody" label={t('touch.bodyEn')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="wechatTemplateId" label={t('touch.wechatTemplateId')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function Results({ send }: { send: SendView }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={4}>
      {Object.entries(send.results).map(([channel, statuses]) =>
        Object.entries(statuses).map(([status, n]) => (
          <Tag key={`${channel}-${status}`} color={STATUS_COLOR[status]}>
            {t(`touch.channel.${channel}`)} · {t(`touch.status.${status}`)} {n}
          </Tag>
        )),
      )}
      {send.skipped.suitability ? <Tag color="orange">{t('touch.skippedSuitability', { count: send.skipped.suitability })}</Tag> : null}
    </Space>
  );
}

export function SendsPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<SendView>>('GET', `/sends?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );
  const templates = useLoad(() => api<{ items: TemplateView[] }>('GET', '/notification-templates'), []);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<unknown>();
  const [preview, setPreview] = useState<{ audience: number; requiresApproval: boolean; threshold: number }>();
  const [form] = Form.useForm();
  const segmentOf = (v: Record<string, unknown>) => ({
    ...(v.minSuitability ? { minSuitability: v.minSuitability } : {}),
    ...(v.activeWithinDays ? { activeWithinDays: v.activeWithinDays } : {}),
    ...(v.boundChannel ? { boundChannel: v.boundChannel } : {}),
    ...((v.groupIds as string[] | undefined)?.length ? { groupIds: v.groupIds } : {}),
  });
  const templateId = Form.useWatch('templateId', form) as string | undefined;
  const selected = templates.data?.items.find((x) => x.id === templateId);
  const doPreview = async () => {
    setCreateError(undefined);
    try {
      setPreview(await api('POST', '/sends/preview', { segment: segmentOf(form.getFieldsValue()) }));
    } catch (err) {
      setCreateError(err);
    }
  };
  const create = async () => {
    const v = await form.validateFields();
    const variables = Object.fromEntries((selected?.variables ?? []).map((name) => [name, String(v[`var_${name}`] ?? '')]));
    try {
      await api('POST', '/sends', {
        templateId: v.templateId,
        name: v.name,
        segment: segmentOf(v),
        variables,
        ...(v.scheduledAt ? { scheduledAt: new Date(v.scheduledAt).toISOString() } : {}),
      });
      message.success(t('touch.sendCreated'));
      setCreating(false);
      reload();
    } catch (err) {
      setCreateError(err);
    }
  };
  const act = async (id: string, action: string) => {
    try {
      await api('POST', `/sends/${id}/${action}`);
      reload();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <Card
      title={t('menu.sends')}
      extra={
        <Button
          type="primary"
          onClick={() => {
            setCreating(true);
            setPreview(undefined);
            setCreateError(undefined);
          }}
        >
          {t('touch.newSend')}
        </Button>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<SendView>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('touch.noSends') }}
        pagination={pagination(data?.total)}
        columns={[
          { title: t('touch.name'), dataIndex: 'name' },
          { title: t('touch.sendStatus'), dataIndex: 'status', render: (v: string) => <Tag>{t(`touch.sendStatuses.${v}`)}</Tag> },
          { title: t('touch.audience'), dataIndex: 'audienceEstimate' },
          { title: t('touch.scheduledAt'), dataIndex: 'scheduledAt', render: (v: string) => formatShanghaiTime(v, true) },
          { title: t('touch.results'), key: 'results', render: (_: unknown, r) => <Results send={r} /> },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) => (
              <Space>
                {r.status === 'pending_approval' && (
                  <Button size="small" type="primary" onClick={() => void act(r.id, 'approve')}>
                    {t('touch.approve')}
                  </Button>
                )}
                {['scheduled', 'running'].includes(r.status) && (
                  <Button size="small" onClick={() => void act(r.id, 'pause')}>
                    {t('touch.pause')}
                  </Button>
                )}
                {r.status === 'paused' && (
                  <Button size="small" onClick={() => void act(r.id, 'resume')}>
                    {t('touch.resume')}
                  </Button>
                )}
                {['pending_approval', 'scheduled', 'paused'].includes(r.status) && (
                  <Button size="small" danger onClick={() => void act(r.id, 'cancel')}>
                    {t('touch.cancel')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('touch.newSend')}
        onOk={() => void create()}
        okText={t('touch.createSend')}
        onCancel={() => setCreating(false)}
        width={640}
        destroyOnClose
      >
        <ComplianceError error={createError} />
        {createError !== undefined && !(createError instanceof ApiError && createError.code === 'MARKETING_COMPLIANCE') && (
          <Alert type="error" showIcon message={errorMessage(createError)} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="templateId" label={t('menu.templates')} rules={[{ required: true }]}>
            <Select options={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name} (${x.code} v${x.version})` }))} />
          </Form.Item>
          <Form.Item name="name" label={t('touch.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          {selected?.variables.map((name) => (
            <Form.Item key={name} name={`var_${name}`} label={`{{${name}}}`} rules={[{ required: true, max: 200 }]}>
              <Input />
            </Form.Item>
          ))}
          <Typography.Text strong>{t('touch.segment')}</Typography.Text>
          <Space wrap style={{ marginTop: 8 }}>
            <Form.Item name="minSuitability" label={t('touch.minSuitability')}>
              <Select allowClear style={{ width: 120 }} options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `C${n}+` }))} />
            </Form.Item>
            <Form.Item name="activeWithinDays" label={t('touch.activeWithinDays')}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="boundChannel" label={t('touch.boundChannel')}>
              <Select
                allowClear
                style={{ width: 120 }}
                options={['email', 'wechat', 'push'].map((v) => ({ value: v, label: t(`touch.channel.${v}`) }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="groupIds" label={t('touch.groupIds')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Form.Item name="scheduledAt" label={t('touch.scheduledAt')} extra={t('touch.scheduleHint')}>
            <Input type="datetime-local" />
          </Form.Item>
          <Space>
            <Button onClick={() => void doPreview()}>{t('touch.preview')}</Button>
            {preview && (
              <span data-testid="audience-preview">
                {t('touch.audienceIs', { count: preview.audience })}
                {preview.requiresApproval ? ` · ${t('touch.needsApproval', { threshold: preview.threshold })}` : ''}
              </span>
            )}
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}

export function DeliveriesPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<{ channel?: string; status?: string; sendId?: string }>({});
  const [before, setBefore] = useState<string[]>([]);
  const q = new URLSearchParams({
    limit: '50',
    ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)),
    ...(before.length ? { before: before.at(-1)! } : {}),
  });
  const { data, error, loading, reload } = useLoad(
    () => api<{ items: DeliveryView[]; nextBefore: string | null }>('GET', `/deliveries?${q}`),
    [q.toString()],
  );
  return (
    <Card
      title={t('menu.deliveries')}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('touch.channels')}
            style={{ width: 110 }}
            options={[...CHANNELS, 'wecom'].map((v) => ({ value: v, label: t(`touch.channel.${v}`) }))}
            onChange={(channel) => {
              setBefore([]);
              setFilter({ ...filter, channel });
            }}
          />
          <Select
            allowClear
            placeholder={t('touch.deliveryStatus')}
            style={{ width: 110 }}
            options={Object.keys(STATUS_COLOR).map((v) => ({ value: v, label: t(`touch.status.${v}`) }))}
            onChange={(status) => {
              setBefore([]);
              setFilter({ ...filter, status });
            }}
          />
          <Button onClick={reload}>{t('sms.refresh')}</Button>
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<DeliveryView>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('touch.noDeliveries') }}
        pagination={false}
        columns={[
          { title: t('touch.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatShanghaiTime(v, true), width: 170 },
          { title: t('touch.channels'), dataIndex: 'channel', render: (v: string) => t(`touch.channel.${v}`), width: 80 },
          {
            title: t('touch.deliveryStatus'),
            dataIndex: 'status',
            render: (v: string) => <Tag color={STATUS_COLOR[v]}>{t(`touch.status.${v}`)}</Tag>,
            width: 90,
          },
          {
            title: t('touch.reason'),
            dataIndex: 'reason',
            render: (v: string | null) => (v ? t(`touch.reasons.${v}`, { defaultValue: v }) : ''),
          },
          { title: t('touch.providerCode'), dataIndex: 'providerCode' },
          { title: t('touch.attempts'), dataIndex: 'attempts', width: 70 },
          { title: t('touch.titleZh'), dataIndex: 'title' },
          { title: t('touch.member'), dataIndex: 'memberId', render: (v: string | null) => (v ? `${v.slice(0, 8)}…` : '—') },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={!before.length} onClick={() => setBefore(before.slice(0, -1))}>
          {t('touch.newer')}
        </Button>
        <Button disabled={!data?.nextBefore} onClick={() => data?.nextBefore && setBefore([...before, data.nextBefore])}>
          {t('touch.older')}
        </Button>
      </Space>
    </Card>
  );
}

export function MailOutboxPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<MailOutboxItem>>('GET', `/mail-outbox?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );
  const [shown, setShown] = useState<MailOutboxItem>();
  return (
    <Card title={t('menu.mailOutbox')} extra={<Button onClick={reload}>{t('sms.refresh')}</Button>}>
      <Alert type="info" showIcon message={t('touch.mailSandboxNote')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={reload} />
      <Table<MailOutboxItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('touch.noMail') }}
        pagination={pagination(data?.total)}
        onRow={(r) => ({ onClick: () => setShown(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('sms.time'), dataIndex: 'createdAt', render: (v: string) => formatShanghaiTime(v, true), width: 180 },
          { title: t('touch.to'), dataIndex: 'to', width: 200 },
          { title: t('touch.subject'), dataIndex: 'subject' },
        ]}
      />
      <Modal open={!!shown} title={shown?.subject} footer={null} onCancel={() => setShown(undefined)} width={720}>
        <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12, maxHeight: 480, overflow: 'auto' }}>{shown?.raw}</pre>
      </Modal>
    </Card>
  );
}
