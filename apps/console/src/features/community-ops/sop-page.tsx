import type { SopApplication, SopTemplate } from '@quanzi/contracts';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
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
import { GroupSelect } from '../community-groups/group-select';
import { ComplianceAlert } from './compliance-alert';

type StepForm = { dayOffset?: number; day?: number; time?: Dayjs; title: string; body: string };
type TemplateForm = { kind: 'stage' | 'lifecycle'; name: string; stage?: string; steps: StepForm[] };
const STAGES = ['formation', 'assimilation', 'collaboration'] as const;
const LIFECYCLE_DEFAULT: StepForm[] = [
  { day: 0, title: '', body: '' },
  { day: 1, title: '', body: '' },
  { day: 3, title: '', body: '' },
  { day: 7, title: '', body: '' },
];

/** SOP 模板: plans per group stage and per member lifecycle, applied to groups by operators (audited). */
export function SopTemplatesPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: SopTemplate[] }>('GET', '/sop-templates'), []);
  const [creating, setCreating] = useState(false);
  const [applying, setApplying] = useState<SopTemplate | null>(null);
  const [groupId, setGroupId] = useState<string>();
  const [saveError, setSaveError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<TemplateForm>();
  const kind = Form.useWatch('kind', form);

  const create = async () => {
    const v = await form.validateFields();
    const body =
      v.kind === 'stage'
        ? {
            kind: 'stage',
            name: v.name,
            stage: v.stage,
            steps: v.steps.map((s) => ({ dayOffset: s.dayOffset ?? 0, time: s.time!.format('HH:mm'), title: s.title, body: s.body })),
          }
        : { kind: 'lifecycle', name: v.name, steps: v.steps.map((s) => ({ day: s.day ?? 0, title: s.title, body: s.body })) };
    setSaving(true);
    setSaveError(undefined);
    try {
      await api('POST', '/sop-templates', body);
      void message.success(t('common.saved'));
      setCreating(false);
      form.resetFields();
      void reload();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };
  const apply = async () => {
    if (!applying || !groupId) return;
    try {
      const res = await api<{ entries: unknown[] }>('POST', `/groups/${groupId}/sop-applications`, { templateId: applying.id });
      void message.success(
        applying.kind === 'stage' ? t('ops.sop.appliedStage', { count: res.entries.length }) : t('ops.sop.appliedLifecycle'),
      );
      setApplying(null);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const remove = async (id: string) => {
    try {
      await api('DELETE', `/sop-templates/${id}`);
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Card
      title={t('menu.sopTemplates')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)} data-testid="sop-create">
          {t('ops.sop.create')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('ops.sop.note')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={() => void reload()} />
      <Table<SopTemplate>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        locale={{ emptyText: t('ops.sop.empty') }}
        expandable={{
          expandedRowRender: (tpl) => (
            <Space direction="vertical">
              {tpl.steps.map((s, i) => (
                <Typography.Text key={i}>
                  <Tag>
                    {'dayOffset' in s
                      ? t('ops.sop.stageWhen', { day: s.dayOffset, time: s.time })
                      : t('ops.sop.lifecycleWhen', { day: s.day })}
                  </Tag>
                  <strong>{s.title}</strong> — {s.body}
                </Typography.Text>
              ))}
            </Space>
          ),
        }}
        columns={[
          { title: t('ops.sop.name'), dataIndex: 'name' },
          {
            title: t('ops.sop.kind'),
            key: 'kind',
            render: (_, tpl) =>
              tpl.kind === 'stage' ? (
                <Tag color="blue">{t(`ops.sop.stages.${tpl.stage ?? 'formation'}`)}</Tag>
              ) : (
                <Tag color="purple">{t('ops.sop.lifecycle')}</Tag>
              ),
          },
          { title: t('ops.sop.steps'), key: 'steps', render: (_, tpl) => tpl.steps.length },
          { title: t('ops.roster.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, tpl) => (
              <Space>
                <Button size="small" type="primary" onClick={() => setApplying(tpl)}>
                  {t('ops.sop.apply')}
                </Button>
                <Popconfirm title={t('ops.sop.confirmDelete')} onConfirm={() => void remove(tpl.id)}>
                  <Button size="small" danger>
                    {t('ops.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!applying}
        title={t('ops.sop.applyTitle', { name: applying?.name ?? '' })}
        onCancel={() => setApplying(null)}
        onOk={() => void apply()}
        okButtonProps={{ disabled: !groupId }}
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">
          {applying?.kind === 'stage' ? t('ops.sop.applyStageHint') : t('ops.sop.applyLifecycleHint')}
        </Typography.Paragraph>
        <GroupSelect value={groupId} onChange={setGroupId} placeholder={t('ops.pickGroup')} />
      </Modal>
      <Modal
        open={creating}
        title={t('ops.sop.create')}
        width={760}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        confirmLoading={saving}
        destroyOnClose
      >
        <ComplianceAlert error={saveError} />
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'stage', stage: 'formation', steps: [{ dayOffset: 0, title: '', body: '' }] }}
        >
          <Form.Item name="kind" label={t('ops.sop.kind')}>
            <Radio.Group
              onChange={(e) =>
                form.setFieldValue('steps', e.target.value === 'lifecycle' ? LIFECYCLE_DEFAULT : [{ dayOffset: 0, title: '', body: '' }])
              }
              options={[
                { value: 'stage', label: t('ops.sop.stage') },
                { value: 'lifecycle', label: t('ops.sop.lifecycle') },
              ]}
            />
          </Form.Item>
          <Space wrap>
            <Form.Item name="name" label={t('ops.sop.name')} rules={[{ required: true, whitespace: true, message: t('ops.required') }]}>
              <Input maxLength={40} style={{ width: 260 }} />
            </Form.Item>
            {kind !== 'lifecycle' && (
              <Form.Item name="stage" label={t('ops.sop.stageLabel')}>
                <Select style={{ width: 160 }} options={STAGES.map((s) => ({ value: s, label: t(`ops.sop.stages.${s}`) }))} />
              </Form.Item>
            )}
          </Space>
          <Typography.Paragraph type="secondary">
            {kind === 'lifecycle' ? t('ops.sop.lifecycleHint') : t('ops.sop.stageHint')}
          </Typography.Paragraph>
          <Form.List name="steps">
            {(fields, { add, remove: drop }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
                    {kind === 'lifecycle' ? (
                      <Form.Item name={[field.name, 'day']} rules={[{ required: true, message: t('ops.required') }]}>
                        <InputNumber min={0} max={30} addonBefore={t('ops.sop.day')} style={{ width: 130 }} />
                      </Form.Item>
                    ) : (
                      <>
                        <Form.Item name={[field.name, 'dayOffset']} rules={[{ required: true, message: t('ops.required') }]}>
                          <InputNumber min={0} max={90} addonBefore={t('ops.sop.dayPlus')} style={{ width: 140 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'time']} rules={[{ required: true, message: t('ops.required') }]}>
                          <TimePicker format="HH:mm" minuteStep={5} />
                        </Form.Item>
                      </>
                    )}
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true, whitespace: true, message: t('ops.required') }]}>
                      <Input placeholder={t('ops.calendar.title')} maxLength={60} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'body']} rules={[{ required: true, whitespace: true, message: t('ops.required') }]}>
                      <Input.TextArea
                        placeholder={t('ops.calendar.body')}
                        autoSize
                        maxLength={kind === 'lifecycle' ? 500 : 2000}
                        style={{ width: 240 }}
                      />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => drop(field.name)} style={{ marginTop: 8 }} />}
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ title: '', body: '' })} icon={<PlusOutlined />}>
                  {t('ops.sop.addStep')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

/** The SOPs applied to one group (a tab of 社群运营): stop one to cancel what it has not done yet. */
export function SopApplicationsTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const base = `/groups/${groupId}/sop-applications`;
  const { data, error, loading, reload } = useLoad(() => api<{ items: SopApplication[] }>('GET', base), [base]);
  const stop = async (id: string) => {
    try {
      await api('DELETE', `${base}/${id}`);
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <>
      <LoadError error={error} onRetry={() => void reload()} />
      <Table<SopApplication>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        locale={{ emptyText: t('ops.sop.noApplications') }}
        columns={[
          { title: t('ops.sop.name'), dataIndex: 'templateName' },
          {
            title: t('ops.sop.kind'),
            dataIndex: 'kind',
            render: (k: string) => <Tag>{t(k === 'stage' ? 'ops.sop.stage' : 'ops.sop.lifecycle')}</Tag>,
          },
          { title: t('ops.sop.appliedAt'), dataIndex: 'appliedAt', render: shanghaiTime },
          { title: t('ops.sop.scheduled'), dataIndex: 'scheduled' },
          { title: t('ops.sop.sent'), dataIndex: 'sent' },
          {
            title: t('ops.alarms.status'),
            dataIndex: 'active',
            render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'ops.sop.active' : 'ops.sop.stopped')}</Tag>,
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, a) =>
              a.active ? (
                <Popconfirm title={t('ops.sop.confirmStop')} onConfirm={() => void stop(a.id)}>
                  <Button size="small" danger>
                    {t('ops.sop.stop')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  );
}
