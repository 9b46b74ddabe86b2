import type { ModerationQueue, StaffAction } from '@quanzi/contracts';
import { Alert, Badge, Button, Card, Input, Modal, Segmented, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, errorMessage } from '../../shared/api';
import { MemberLink, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { GroupName, useGroupOptions } from '../community-groups/group-select';
import { ActModal } from './act-modal';
import {
  actionsFor,
  countByKind,
  mostCitedRule,
  oldestFirst,
  queueKey,
  queueTime,
  ruleLabel,
  type ActTarget,
  type CharterRule,
  type HeldItem,
  type QueueItem,
  type ReportsItem,
} from './moderation-model';
import { useCharterRules } from './rule-picker';

type Filter = 'all' | 'reports' | 'held';

interface Acting {
  target: ActTarget;
  actions: StaffAction[];
  initialAction?: StaffAction;
  initialRule?: string;
}

/** 审核队列: open reports grouped by target and content the word filter held, oldest first. */
export function QueuePage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<ModerationQueue>('GET', '/moderation/queue?limit=200'), []);
  const charter = useCharterRules();
  const groups = useGroupOptions();
  const [filter, setFilter] = useState<Filter>('all');
  const [acting, setActing] = useState<Acting | null>(null);
  const [dismissing, setDismissing] = useState<ReportsItem | null>(null);
  const items = useMemo(() => oldestFirst(data?.items ?? []), [data]);
  const counts = countByKind(items);
  const shown = filter === 'all' ? items : items.filter((i) => i.kind === filter);

  const openAct = (item: QueueItem, initialAction?: StaffAction) => {
    const target: ActTarget = {
      type: item.targetType,
      id: item.targetId,
      groupId: item.groupId,
      excerpt: item.content?.text ?? null,
      authorId: item.targetType === 'member' ? item.targetId : (item.content?.authorId ?? null),
    };
    setActing({
      target,
      actions: actionsFor(target, item.kind === 'held'),
      initialAction,
      initialRule: item.kind === 'reports' ? mostCitedRule(item) : item.ruleCode,
    });
  };

  return (
    <Card
      title={
        <Space>
          {t('menu.moderationQueue')}
          {data && items.length > 0 && <Tag color="gold">{t('modQueue.waiting', { count: items.length })}</Tag>}
        </Space>
      }
      extra={
        <Button data-testid="queue-refresh" onClick={reload}>
          {t('communityCommon.refresh')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('modQueue.note')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={reload} />
      <LoadError error={charter.error} onRetry={charter.reload} />
      <Segmented<Filter>
        data-testid="queue-filter"
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 16 }}
        options={[
          { value: 'all', label: t('modQueue.filter.all', { count: items.length }) },
          { value: 'reports', label: t('modQueue.filter.reports', { count: counts.reports }) },
          { value: 'held', label: t('modQueue.filter.held', { count: counts.held }) },
        ]}
      />
      <Table<QueueItem>
        rowKey={queueKey}
        loading={loading}
        dataSource={shown}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('modQueue.empty') }}
        onRow={(item) => ({ 'data-testid': `queue-row-${item.targetId}` }) as HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (item) => item.kind === 'reports',
          expandedRowRender: (item) => (item.kind === 'reports' ? <ReportList item={item} rules={charter.data} /> : null),
        }}
        columns={[
          {
            title: t('modQueue.kind'),
            key: 'kind',
            render: (_, item) =>
              item.kind === 'reports' ? (
                <Badge count={item.reportCount} size="small" offset={[6, -2]} color="volcano">
                  <Tag color="volcano">{t('modQueue.reported')}</Tag>
                </Badge>
              ) : (
                <Tag color="orange">{t('modQueue.held')}</Tag>
              ),
          },
          {
            title: t('modCommon.target'),
            key: 'target',
            render: (_, item) => (
              <Space direction="vertical" size={2}>
                <Tag>{t(`modCommon.targetType.${item.targetType}`)}</Tag>
                {item.groupId && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('modCommon.inGroup')} <GroupName id={item.groupId} groups={groups.data} />
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('modCommon.content'),
            key: 'content',
            render: (_, item) => <ContentCell item={item} />,
          },
          {
            title: t('modQueue.why'),
            key: 'why',
            render: (_, item) => <WhyCell item={item} rules={charter.data} />,
          },
          {
            title: t('modQueue.since'),
            key: 'since',
            render: (_, item) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiTime(queueTime(item))}</span>,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, item) => (
              <Space size={0} wrap={false}>
                {item.kind === 'held' ? (
                  <>
                    <Button
                      type="link"
                      size="small"
                      data-testid={`queue-release-${item.targetId}`}
                      disabled={!item.content}
                      onClick={() => openAct(item, 'release')}
                    >
                      {t('modCommon.action.release')}
                    </Button>
                    <Button
                      type="link"
                      size="small"
                      danger
                      data-testid={`queue-act-${item.targetId}`}
                      disabled={!item.content}
                      onClick={() => openAct(item, 'delete')}
                    >
                      {t('modQueue.handle')}
                    </Button>
                  </>
                ) : (
                  <>
                    <Button
                      type="link"
                      size="small"
                      data-testid={`queue-act-${item.targetId}`}
                      disabled={!item.content}
                      onClick={() => openAct(item)}
                    >
                      {t('modQueue.handle')}
                    </Button>
                    <Button type="link" size="small" data-testid={`queue-dismiss-${item.targetId}`} onClick={() => setDismissing(item)}>
                      {t('modQueue.dismiss')}
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ActModal
        target={acting?.target ?? null}
        actions={acting?.actions ?? []}
        initialAction={acting?.initialAction}
        initialRule={acting?.initialRule}
        rules={charter.data}
        rulesLoading={charter.loading}
        onClose={() => setActing(null)}
        onDone={() => void reload()}
        onStale={() => void reload()}
      />
      <DismissModal item={dismissing} onClose={() => setDismissing(null)} onDone={() => void reload()} />
    </Card>
  );
}

/** The reported or held text, as typed (plain text), with its author and a link to where members see it. */
function ContentCell({ item }: { item: QueueItem }) {
  const { t } = useTranslation();
  if (!item.content)
    return (
      <Typography.Text type="secondary" data-testid={`queue-gone-${item.targetId}`}>
        {t('modQueue.gone')}
      </Typography.Text>
    );
  const { text, authorId, link } = item.content;
  return (
    <div style={{ maxWidth: 420, minWidth: 220 }}>
      <Typography.Paragraph
        data-testid={`queue-excerpt-${item.targetId}`}
        ellipsis={{ rows: 3, expandable: true }}
        style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}
      >
        {text || <Typography.Text type="secondary">{t('modQueue.noText')}</Typography.Text>}
      </Typography.Paragraph>
      <Space size="middle" style={{ fontSize: 12 }}>
        {authorId && (
          <span>
            {t(item.targetType === 'member' ? 'modCommon.member' : 'modCommon.author')} <MemberLink id={authorId} />
          </span>
        )}
        {link && (
          <Typography.Link href={link} target="_blank" rel="noopener noreferrer">
            {t('modQueue.open')}
          </Typography.Link>
        )}
      </Space>
    </div>
  );
}

/** Why it is here: the rules reporters cited (with counts), or the word that held it. */
function WhyCell({ item, rules }: { item: QueueItem; rules: readonly CharterRule[] | undefined }) {
  const { t } = useTranslation();
  if (item.kind === 'held') return <HeldWhy item={item} rules={rules} />;
  return (
    <Space direction="vertical" size={4}>
      <Typography.Text strong data-testid={`queue-count-${item.targetId}`}>
        {t('modQueue.reportCount', { count: item.reportCount })}
      </Typography.Text>
      <Space size={[4, 4]} wrap style={{ maxWidth: 280 }}>
        {item.rules.map((r) => (
          <Tooltip key={r.code} title={rules?.find((x) => x.code === r.code)?.body}>
            <Tag>
              {ruleLabel(r.code, rules)} × {r.count}
            </Tag>
          </Tooltip>
        ))}
      </Space>
    </Space>
  );
}

function HeldWhy({ item, rules }: { item: HeldItem; rules: readonly CharterRule[] | undefined }) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={4}>
      <span>
        {t('modQueue.matched')}{' '}
        <Tag color="orange" data-testid={`queue-word-${item.targetId}`}>
          {item.matchedWord}
        </Tag>
      </span>
      <Tag>{ruleLabel(item.ruleCode, rules)}</Tag>
    </Space>
  );
}

/** Every open report on one target: who, under which rule, their note. */
function ReportList({ item, rules }: { item: ReportsItem; rules: readonly CharterRule[] | undefined }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={item.reports}
      columns={[
        { title: t('modQueue.reporter'), dataIndex: 'reporterId', render: (id: string) => <MemberLink id={id} /> },
        { title: t('modCommon.rule'), dataIndex: 'ruleCode', render: (code: string) => ruleLabel(code, rules) },
        {
          title: t('modQueue.reportNote'),
          dataIndex: 'note',
          render: (note: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{note ?? '—'}</span>,
        },
        { title: t('modQueue.reportedAt'), dataIndex: 'createdAt', render: shanghaiTime },
      ]}
    />
  );
}

/** Nothing to act on: every open report on the target is dismissed, with an optional note for the audit log. */
function DismissModal({ item, onClose, onDone }: { item: ReportsItem | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const first = item?.reports[0];
  const submit = async () => {
    if (!first) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ dismissed: number }>(
        'POST',
        `/moderation/reports/${first.id}/dismiss`,
        note.trim() ? { note: note.trim() } : {},
      );
      void message.success(t('modQueue.dismissed', { count: res.dismissed }));
      setNote('');
      onClose();
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={item !== null}
      title={t('modQueue.dismissTitle')}
      okText={t('modQueue.dismiss')}
      cancelText={t('communityCommon.cancel')}
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => !busy && onClose()}
      okButtonProps={{ 'data-testid': 'dismiss-confirm' }}
      destroyOnHidden
      afterClose={() => {
        setNote('');
        setError(undefined);
      }}
    >
      <Typography.Paragraph>{t('modQueue.dismissBody', { count: item?.reportCount ?? 0 })}</Typography.Paragraph>
      <Input.TextArea
        data-testid="dismiss-note"
        rows={3}
        maxLength={500}
        showCount
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('modQueue.dismissNote')}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
