import type { GuideEntry } from '@quanzi/contracts';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';

type Kind = GuideEntry['kind'];
const KINDS: Kind[] = ['step', 'article', 'privilege'];
interface FormValues {
  kind: Kind;
  title: string;
  body: string;
  position: number;
  source: GuideEntry['source'];
  sourceRef?: string;
}

/** 新手指南: steps, articles and the zone's privileges, drafted, ordered and published here (every edit audited). */
export function GuidePage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind | undefined>(undefined);
  const list = useLoad(() => api<{ items: GuideEntry[] }>('GET', `/newbie/guide${kind ? `?kind=${kind}` : ''}`), [kind]);
  const [editing, setEditing] = useState<GuideEntry | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FormValues>();

  const open = (entry: GuideEntry | 'new') => {
    setEditing(entry);
    form.setFieldsValue(
      entry === 'new'
        ? { kind: kind ?? 'article', title: '', body: '', position: 0, source: 'editorial' }
        : { kind: entry.kind, title: entry.title, body: entry.body, position: entry.position, source: entry.source },
    );
  };
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(t('common.saved'));
      void list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') {
        await api('POST', '/newbie/guide', {
          kind: v.kind,
          title: v.title,
          body: v.body,
          position: v.position,
          source: v.source,
          ...(v.sourceRef?.trim() ? { sourceRef: v.sourceRef.trim() } : {}),
        });
      } else if (editing) {
        await api('PUT', `/newbie/guide/${editing.id}`, { kind: v.kind, title: v.title, body: v.body, position: v.position });
      }
      void message.success(t('common.saved'));
      setEditing(null);
      void list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={t('menu.newbieGuide')}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('newbie.guide.allKinds')}
            style={{ width: 140 }}
            value={kind}
            onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: t(`newbie.guide.kind.${k}`) }))}
          />
          <Button type="primary" onClick={() => open('new')} data-testid="guide-add">
            {t('newbie.guide.add')}
          </Button>
        </Space>
      }
    >
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Table<GuideEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('newbie.guide.empty') }}
        columns={[
          { title: t('newbie.guide.kindLabel'), dataIndex: 'kind', width: 90, render: (k: Kind) => t(`newbie.guide.kind.${k}`) },
          { title: t('newbie.guide.position'), dataIndex: 'position', width: 70 },
          { title: t('newbie.guide.title'), dataIndex: 'title' },
          {
            title: t('newbie.guide.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: GuideEntry['status']) => (
              <Tag color={s === 'published' ? 'green' : 'default'}>{t(`newbie.guide.statuses.${s}`)}</Tag>
            ),
          },
          {
            title: t('newbie.guide.source'),
            key: 'source',
            render: (_, e) => `${t(`newbie.guide.sources.${e.source}`)}${e.sourceRef ? ` · ${e.sourceRef}` : ''}`,
          },
          { title: t('newbie.guide.updatedAt'), dataIndex: 'updatedAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, e) => (
              <Space>
                <Button size="small" onClick={() => open(e)}>
                  {t('newbie.guide.edit')}
                </Button>
                <Button
                  size="small"
                  type={e.status === 'draft' ? 'primary' : 'default'}
                  data-testid={`guide-status-${e.id}`}
                  onClick={() =>
                    void act(() => api('POST', `/newbie/guide/${e.id}/status`, { status: e.status === 'draft' ? 'published' : 'draft' }))
                  }
                >
                  {e.status === 'draft' ? t('newbie.guide.publish') : t('newbie.guide.unpublish')}
                </Button>
                <Popconfirm
                  title={t('newbie.guide.confirmDelete')}
                  onConfirm={() => void act(() => api('DELETE', `/newbie/guide/${e.id}`))}
                >
                  <Button size="small" danger>
                    {t('newbie.guide.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('newbie.guide.add') : t('newbie.guide.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={saving}
        destroyOnClose
        width={640}
      >
        <Form form={form} layout="vertical">
          <Space>
            <Form.Item name="kind" label={t('newbie.guide.kindLabel')} rules={[{ required: true }]}>
              <Select style={{ width: 140 }} options={KINDS.map((k) => ({ value: k, label: t(`newbie.guide.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="position" label={t('newbie.guide.position')} rules={[{ required: true }]}>
              <InputNumber min={0} max={9999} precision={0} />
            </Form.Item>
            {editing === 'new' && (
              <Form.Item name="source" label={t('newbie.guide.source')}>
                <Select
                  style={{ width: 140 }}
                  options={(['editorial', 'customer_service'] as const).map((s) => ({ value: s, label: t(`newbie.guide.sources.${s}`) }))}
                />
              </Form.Item>
            )}
          </Space>
          {editing === 'new' && (
            <Form.Item name="sourceRef" label={t('newbie.guide.sourceRef')} rules={[{ max: 120 }]}>
              <Input placeholder="faq:42" />
            </Form.Item>
          )}
          <Form.Item
            name="title"
            label={t('newbie.guide.title')}
            rules={[{ required: true, whitespace: true, message: t('newbie.guide.titleRequired') }, { max: 60 }]}
          >
            <Input maxLength={60} showCount data-testid="guide-title" />
          </Form.Item>
          <Form.Item
            name="body"
            label={t('newbie.guide.body')}
            rules={[{ required: true, whitespace: true, message: t('newbie.guide.bodyRequired') }, { max: 4000 }]}
          >
            <Input.TextArea rows={6} maxLength={4000} showCount data-testid="guide-body" />
          </Form.Item>
          <p style={{ color: '#888' }}>{t('newbie.guide.draftHint')}</p>
        </Form>
      </Modal>
    </Card>
  );
}
