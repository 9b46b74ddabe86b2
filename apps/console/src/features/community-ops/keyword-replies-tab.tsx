import type { KeywordReply } from '@quanzi/contracts';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { ComplianceAlert } from './compliance-alert';

type Kind = KeywordReply['matchKind'];

/** 关键词回复: the group's automatic replies by the official account (every change audited). */
export function KeywordRepliesTab({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const base = `/groups/${groupId}/keyword-replies`;
  const { data, error, loading, reload } = useLoad(() => api<{ items: KeywordReply[] }>('GET', base), [base]);
  const [form] = Form.useForm<{ matchKind: Kind; pattern: string; reply: string }>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();

  const create = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setSaveError(undefined);
    try {
      await api('POST', base, v);
      void message.success(t('common.saved'));
      form.resetFields(['pattern', 'reply']);
      void reload();
    } catch (err) {
      setSaveError(err);
    } finally {
      setSaving(false);
    }
  };
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      <Alert type="info" showIcon message={t('ops.keywords.note')} style={{ marginBottom: 16 }} />
      <ComplianceAlert error={saveError} />
      <Form form={form} layout="inline" initialValues={{ matchKind: 'contains' }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="matchKind">
          <Select<Kind>
            style={{ width: 120 }}
            options={(['exact', 'contains', 'regex'] as const).map((k) => ({ value: k, label: t(`ops.keywords.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="pattern" rules={[{ required: true, whitespace: true, message: t('ops.required') }]}>
          <Input placeholder={t('ops.keywords.pattern')} maxLength={200} style={{ width: 200 }} data-testid="keyword-pattern" />
        </Form.Item>
        <Form.Item name="reply" rules={[{ required: true, whitespace: true, message: t('ops.required') }]}>
          <Input.TextArea
            placeholder={t('ops.keywords.reply')}
            maxLength={500}
            autoSize
            style={{ width: 320 }}
            data-testid="keyword-reply"
          />
        </Form.Item>
        <Button type="primary" loading={saving} onClick={() => void create()} data-testid="keyword-add">
          {t('ops.keywords.add')}
        </Button>
      </Form>
      <LoadError error={error} onRetry={() => void reload()} />
      <Table<KeywordReply>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={false}
        locale={{ emptyText: t('ops.keywords.empty') }}
        columns={[
          { title: t('ops.keywords.kind'), dataIndex: 'matchKind', render: (k: Kind) => <Tag>{t(`ops.keywords.kinds.${k}`)}</Tag> },
          { title: t('ops.keywords.pattern'), dataIndex: 'pattern', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
          {
            title: t('ops.keywords.reply'),
            dataIndex: 'reply',
            render: (r: string) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ maxWidth: 360, margin: 0 }}>
                {r}
              </Typography.Paragraph>
            ),
          },
          { title: t('ops.keywords.hits'), dataIndex: 'hitCount' },
          { title: t('ops.roster.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: t('ops.keywords.enabled'),
            key: 'enabled',
            render: (_, r) => (
              <Switch checked={r.enabled} onChange={(enabled) => void act(() => api('PATCH', `${base}/${r.id}`, { enabled }))} />
            ),
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, r) => (
              <Space>
                <Popconfirm title={t('ops.keywords.confirmDelete')} onConfirm={() => void act(() => api('DELETE', `${base}/${r.id}`))}>
                  <Button size="small" danger>
                    {t('ops.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}
