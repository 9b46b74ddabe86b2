import { formatShanghaiTime } from '@quanzi/web-kit';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';

interface ActivityLink {
  id: string;
  label: string;
  link: string;
  createdAt: string;
}
interface Robot {
  id: string;
  name: string;
  webhook: string;
  createdAt: string;
}
interface TouchSettings {
  dailyCap: number;
  approvalThreshold: number;
}

/** A modal form that shows the server's refusal inline and closes on success. */
function useFormModal() {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const show = () => {
    form.resetFields();
    setError(undefined);
    setOpen(true);
  };
  const submit = async (write: (values: Record<string, string>) => Promise<unknown>, done: () => void) => {
    const values = await form.validateFields();
    setBusy(true);
    try {
      await write(values);
      setOpen(false);
      done();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { open, setOpen, error, busy, form, show, submit };
}

/** 活动链接白名单: the app paths a transactional notice may carry (approving needs `touch.approve`). */
export function ActivityLinksPage() {
  const { t } = useTranslation();
  const { can } = useOperator();
  const approver = can('touch.approve');
  const { data, error, loading, reload } = useLoad(() => api<{ items: ActivityLink[] }>('GET', '/activity-links'), []);
  const modal = useFormModal();
  const retire = async (id: string) => {
    try {
      await api('DELETE', `/activity-links/${id}`);
      message.success(t('touchOps.retired'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Card
      title={t('menu.activityLinks')}
      extra={
        <Button type="primary" disabled={!approver} onClick={modal.show}>
          {t('touchOps.newLink')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('touchOps.linksNote')} />
      {!approver && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('touchOps.needsApprove')} />}
      <LoadError error={error} onRetry={reload} />
      <Table<ActivityLink>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('touchOps.noLinks') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('touchOps.label'), dataIndex: 'label' },
          { title: t('touchOps.link'), dataIndex: 'link', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('touchOps.approvedAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatShanghaiTime(v, true) },
          {
            title: t('touchOps.actions'),
            width: 120,
            render: (_: unknown, r) => (
              <Popconfirm title={t('touchOps.retireLinkConfirm')} onConfirm={() => retire(r.id)} disabled={!approver}>
                <Button danger size="small" disabled={!approver}>
                  {t('touchOps.retire')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={modal.open}
        title={t('touchOps.newLink')}
        okText={t('touchOps.approve')}
        confirmLoading={modal.busy}
        onCancel={() => modal.setOpen(false)}
        onOk={() => modal.submit((v) => api('POST', '/activity-links', { label: v.label, link: v.link }), reload)}
      >
        {modal.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={modal.error} />}
        <Form form={modal.form} layout="vertical">
          <Form.Item name="label" label={t('touchOps.label')} rules={[{ required: true, max: 40 }]}>
            <Input placeholder="新人理财节" />
          </Form.Item>
          <Form.Item
            name="link"
            label={t('touchOps.link')}
            extra={t('touchOps.linkHint')}
            rules={[{ required: true, pattern: /^\/(?!\/)/, message: t('touchOps.linkHint') }]}
          >
            <Input placeholder="/campaigns/newcomer" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 企业微信群机器人: webhooks (masked), a test post, retiring. */
export function RobotsPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: Robot[] }>('GET', '/wecom-robots'), []);
  const adding = useFormModal();
  const posting = useFormModal();
  const [target, setTarget] = useState<Robot>();
  const retire = async (id: string) => {
    try {
      await api('DELETE', `/wecom-robots/${id}`);
      message.success(t('touchOps.retired'));
      reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Card
      title={t('menu.robots')}
      extra={
        <Button type="primary" onClick={adding.show}>
          {t('touchOps.newRobot')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('touchOps.robotsNote')} />
      <LoadError error={error} onRetry={reload} />
      <Table<Robot>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('touchOps.noRobots') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('touchOps.robotName'), dataIndex: 'name' },
          { title: t('touchOps.webhook'), dataIndex: 'webhook', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('touchOps.addedAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatShanghaiTime(v, true) },
          {
            title: t('touchOps.actions'),
            width: 200,
            render: (_: unknown, r) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    setTarget(r);
                    posting.show();
                  }}
                >
                  {t('touchOps.post')}
                </Button>
                <Popconfirm title={t('touchOps.retireRobotConfirm')} onConfirm={() => retire(r.id)}>
                  <Button danger size="small">
                    {t('touchOps.retire')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={adding.open}
        title={t('touchOps.newRobot')}
        confirmLoading={adding.busy}
        onCancel={() => adding.setOpen(false)}
        onOk={() => adding.submit((v) => api('POST', '/wecom-robots', { name: v.name, webhookUrl: v.webhookUrl }), reload)}
      >
        {adding.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={adding.error} />}
        <Form form={adding.form} layout="vertical">
          <Form.Item name="name" label={t('touchOps.robotName')} rules={[{ required: true, max: 60 }]}>
            <Input placeholder="理财交流群" />
          </Form.Item>
          <Form.Item
            name="webhookUrl"
            label={t('touchOps.webhook')}
            extra={t('touchOps.webhookHint')}
            rules={[{ required: true, pattern: /^https?:\/\//i, message: t('touchOps.webhookHint') }]}
          >
            <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={posting.open}
        title={`${t('touchOps.post')} · ${target?.name ?? ''}`}
        confirmLoading={posting.busy}
        onCancel={() => posting.setOpen(false)}
        onOk={() =>
          posting.submit(
            (v) => api('POST', `/wecom-robots/${target!.id}/messages`, { title: v.title, body: v.body }),
            () => message.success(t('touchOps.posted')),
          )
        }
      >
        {posting.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={posting.error} />}
        <Form form={posting.form} layout="vertical">
          <Form.Item name="title" label={t('touchOps.postTitle')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('touchOps.postBody')} rules={[{ required: true, max: 1500 }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 触达设置: the daily marketing cap per member (every channel together) and the approval threshold. */
export function TouchSettingsPage() {
  const { t } = useTranslation();
  const { can } = useOperator();
  const approver = can('touch.approve');
  const { data, error, loading, reload } = useLoad(() => api<TouchSettings>('GET', '/touch-settings'), []);
  const [form] = Form.useForm<TouchSettings>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setSaveError(undefined);
    try {
      await api('PUT', '/touch-settings', { dailyCap: v.dailyCap, approvalThreshold: v.approvalThreshold });
      message.success(t('touchOps.settingsSaved'));
      reload();
    } catch (err) {
      setSaveError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={t('menu.touchSettings')} loading={loading && !data}>
      <LoadError error={error} onRetry={reload} />
      {data && (
        <>
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 24, maxWidth: 560 }}>
            <Descriptions.Item label={t('touchOps.dailyCap')}>{t('touchOps.perDay', { count: data.dailyCap })}</Descriptions.Item>
            <Descriptions.Item label={t('touchOps.approvalThreshold')}>
              {t('touchOps.people', { count: data.approvalThreshold })}
            </Descriptions.Item>
          </Descriptions>
          {!approver && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('touchOps.needsApprove')} />}
          {saveError && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={saveError} />}
          <Form
            form={form}
            layout="vertical"
            initialValues={data}
            style={{ maxWidth: 560 }}
            disabled={!approver}
            key={JSON.stringify(data)}
          >
            <Form.Item name="dailyCap" label={t('touchOps.dailyCap')} extra={t('touchOps.dailyCapHint')} rules={[{ required: true }]}>
              <InputNumber min={0} max={50} precision={0} addonAfter={t('touchOps.timesPerDay')} />
            </Form.Item>
            <Form.Item
              name="approvalThreshold"
              label={t('touchOps.approvalThreshold')}
              extra={t('touchOps.approvalThresholdHint')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={10_000_000} precision={0} addonAfter={t('touchOps.peopleUnit')} />
            </Form.Item>
            <Button type="primary" loading={saving} onClick={save}>
              {t('touchOps.save')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
