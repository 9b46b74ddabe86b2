import type { AuditEntry, Page } from '@quanzi/contracts';
import { formatShanghaiTime } from '@quanzi/web-kit';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { auditActionLabel, auditTargetLabel } from '../../shared/labels';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

interface Filters {
  action?: string;
  actorType?: string;
  actorId?: string;
  targetId?: string;
  range?: [Dayjs, Dayjs];
}

const ACTOR_COLORS = { operator: 'purple', member: 'blue', system: 'default' } as const;

export function AuditLogPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({ targetId: params.get('targetId') ?? undefined });
  const { page, pageSize, setPage, pagination } = usePaging();
  const [chain, setChain] = useState<{ ok: boolean; entries: number; brokenAtSeq: string | null } | string>();

  const query = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (filters.action) query.set('action', filters.action);
  if (filters.actorType) query.set('actorType', filters.actorType);
  if (filters.actorId) query.set('actorId', filters.actorId);
  if (filters.targetId) query.set('targetId', filters.targetId);
  if (filters.range) {
    query.set('from', filters.range[0].startOf('day').toISOString());
    query.set('to', filters.range[1].endOf('day').toISOString());
  }
  const qs = query.toString();
  const { data, error, loading, reload } = useLoad(() => api<Page<AuditEntry>>('GET', `/audit-log?${qs}`), [qs]);

  const verify = async () => {
    try {
      setChain(await api('GET', '/audit-log/verify'));
    } catch (err) {
      setChain(errorMessage(err));
    }
  };

  return (
    <Card title={t('menu.auditLog')} extra={<Button onClick={verify}>{t('audit.verify')}</Button>}>
      {chain &&
        (typeof chain === 'string' ? (
          <Alert type="error" message={chain} style={{ marginBottom: 16 }} />
        ) : chain.ok ? (
          <Alert type="success" showIcon message={t('audit.chainOk', { count: chain.entries })} style={{ marginBottom: 16 }} />
        ) : (
          <Alert type="error" showIcon message={t('audit.chainBroken', { seq: chain.brokenAtSeq })} style={{ marginBottom: 16 }} />
        ))}
      <Form<Filters>
        layout="inline"
        initialValues={filters}
        onFinish={(v) => {
          setPage(1);
          setFilters(v);
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="action">
          <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 280 }} />
        </Form.Item>
        <Form.Item name="actorType">
          <Select
            allowClear
            placeholder={t('audit.actorType')}
            style={{ width: 120 }}
            options={(['operator', 'member', 'system'] as const).map((v) => ({ value: v, label: t(`audit.actor.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="actorId">
          <Input allowClear placeholder={t('audit.actorId')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="targetId">
          <Input allowClear placeholder={t('audit.targetId')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('audit.search')}
          </Button>
        </Form.Item>
      </Form>
      <LoadError error={error} onRetry={reload} />
      <Table<AuditEntry>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('audit.empty') }}
        pagination={pagination(data?.total)}
        expandable={{
          rowExpandable: (e) => e.before !== null || e.after !== null,
          expandedRowRender: (e) => (
            <Space align="start" size="large">
              <div>
                <b>{t('audit.before')}</b>
                <pre className="json">{JSON.stringify(e.before, null, 2)}</pre>
              </div>
              <div>
                <b>{t('audit.after')}</b>
                <pre className="json">{JSON.stringify(e.after, null, 2)}</pre>
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.time'), dataIndex: 'at', render: (v: string) => formatShanghaiTime(v, true), width: 180 },
          {
            title: t('audit.actorCol'),
            render: (_, e) => (
              <>
                <Tag color={ACTOR_COLORS[e.actorType]}>{t(`audit.actor.${e.actorType}`)}</Tag>
                {e.actorName ?? e.actorId ?? ''}
              </>
            ),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            // The label first; the code stays visible (small) because the filter takes code prefixes.
            render: (v: string) => (
              <>
                {auditActionLabel(t, v)}
                <div className="muted" style={{ fontSize: 12 }}>
                  <code>{v}</code>
                </div>
              </>
            ),
          },
          {
            title: t('audit.target'),
            render: (_, e) => (e.targetType ? `${auditTargetLabel(t, e.targetType)} ${e.targetId?.slice(0, 8) ?? ''}` : '—'),
          },
          { title: 'IP', dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
