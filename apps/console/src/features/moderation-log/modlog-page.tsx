import { MODERATION_TARGET_TYPES, MODLOG_ACTIONS, type ModlogAction, type StaffAction, type StaffModlogEntry } from '@quanzi/contracts';
import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { MemberLink, ShortId, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { LoadMore } from '../community-groups/load-more';
import { useCursorList, type CursorPage } from '../community-groups/use-cursor-list';
import { ActModal } from '../moderation-queue/act-modal';
import type { ActTarget } from '../moderation-queue/moderation-model';
import { RulePicker, useCharterRules } from '../moderation-queue/rule-picker';
import { ACTION_COLORS, modlogQuery, type ModlogFilters } from './modlog-model';

const RESTORE: StaffAction[] = ['restore'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 处理记录: every moderation action and appeal outcome, with who acted (staff view of the public log). */
export function ModlogPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [filters, setFilters] = useState<ModlogFilters>({ memberId: params.get('memberId') ?? undefined });
  const charter = useCharterRules();
  const [restoring, setRestoring] = useState<{ target: ActTarget; rule: string } | null>(null);
  const qs = modlogQuery(filters);
  const list = useCursorList((cursor) => api<CursorPage<StaffModlogEntry>>('GET', `/moderation/log?${modlogQuery(filters, cursor)}`), [qs]);

  return (
    <Card
      title={t('menu.moderationLog')}
      extra={
        <Space>
          <Typography.Link href="/modlog" target="_blank" rel="noopener noreferrer">
            {t('modlog.publicLink')}
          </Typography.Link>
          <Button onClick={list.reload}>{t('communityCommon.refresh')}</Button>
        </Space>
      }
    >
      <Form<ModlogFilters> layout="inline" initialValues={filters} onFinish={setFilters} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="action">
          <Select<ModlogAction>
            data-testid="modlog-filter-action"
            allowClear
            placeholder={t('modlog.allActions')}
            style={{ width: 160 }}
            options={MODLOG_ACTIONS.map((a) => ({ value: a, label: t(`modCommon.action.${a}`) }))}
          />
        </Form.Item>
        <Form.Item name="rule">
          <RulePicker
            rules={charter.data}
            loading={charter.loading}
            showBody={false}
            allowClear
            placeholder={t('modlog.allRules')}
            testId="modlog-filter-rule"
            style={{ width: 220 }}
          />
        </Form.Item>
        <Form.Item name="targetType">
          <Select
            allowClear
            placeholder={t('modlog.allTargets')}
            style={{ width: 140 }}
            options={MODERATION_TARGET_TYPES.map((v) => ({ value: v, label: t(`modCommon.targetType.${v}`) }))}
          />
        </Form.Item>
        <Form.Item name="memberId" rules={[{ pattern: UUID, message: t('communityCommon.memberIdInvalid') }]}>
          <Input allowClear placeholder={t('modlog.memberId')} style={{ width: 300 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="modlog-search">
            {t('communityCommon.search')}
          </Button>
        </Form.Item>
      </Form>
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<StaffModlogEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('modlog.empty') }}
        onRow={(e) => ({ 'data-testid': `modlog-row-${e.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('modlog.time'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: t('modlog.action'),
            key: 'action',
            render: (_, e) => (
              <Space size={4}>
                <Tag color={ACTION_COLORS[e.action]}>{t(`modCommon.action.${e.action}`)}</Tag>
                {e.hours !== null && <Typography.Text type="secondary">{t('modlog.hours', { count: e.hours })}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('modlog.rule'),
            key: 'rule',
            render: (_, e) => (
              <Tooltip title={t('modlog.ruleVersion', { version: e.rule.version })}>
                <span style={{ whiteSpace: 'nowrap' }}>
                  <Tag style={{ fontFamily: 'monospace' }}>{e.rule.code}</Tag>
                  {e.rule.title}
                </span>
              </Tooltip>
            ),
          },
          {
            title: t('modlog.reason'),
            dataIndex: 'reason',
            render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', minWidth: 140, maxWidth: 240 }}>{v}</div>,
          },
          {
            title: t('modlog.targetAndExcerpt'),
            key: 'target',
            render: (_, e) => (
              <div style={{ minWidth: 180, maxWidth: 320 }}>
                <Space size={4}>
                  {e.targetType ? <Tag>{t(`modCommon.targetType.${e.targetType}`)}</Tag> : null}
                  {e.targetId && <ShortId id={e.targetId} />}
                </Space>
                {e.excerpt && (
                  <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
                    {e.excerpt}
                  </Typography.Paragraph>
                )}
                {e.excerpt && !e.excerptPublic && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    <LockOutlined /> {t('modlog.notPublic')}
                  </Typography.Text>
                )}
              </div>
            ),
          },
          {
            title: t('modlog.actor'),
            key: 'actor',
            render: (_, e) => (
              <Space direction="vertical" size={2}>
                <Tag color={e.actor.kind === 'filter' ? 'orange' : e.actor.kind === 'operator' ? 'purple' : 'blue'}>{e.actor.label}</Tag>
                {e.actorName && <span data-testid={`modlog-actor-${e.id}`}>{e.actorName}</span>}
                {!e.actorName && e.actorMemberId && <MemberLink id={e.actorMemberId} />}
              </Space>
            ),
          },
          {
            title: t('modlog.subject'),
            dataIndex: 'subjectMemberId',
            render: (id: string | null) => (id ? <MemberLink id={id} /> : '—'),
          },
          {
            title: t('modlog.appeal'),
            key: 'appeal',
            render: (_, e) =>
              e.appealOutcome ? (
                <Tag color={e.appealOutcome === 'overturned' ? 'blue' : 'default'}>{t(`appeals.outcome.${e.appealOutcome}`)}</Tag>
              ) : e.appealStatus === 'pending' ? (
                <Tag color="gold">{t('appeals.status.pending')}</Tag>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, e) =>
              (e.action === 'hide' || e.action === 'delete') && e.targetType && e.targetType !== 'member' && e.targetId ? (
                <Button
                  type="link"
                  size="small"
                  data-testid={`modlog-restore-${e.id}`}
                  onClick={() =>
                    setRestoring({
                      target: { type: e.targetType!, id: e.targetId!, groupId: e.groupId, excerpt: e.excerpt, authorId: e.subjectMemberId },
                      rule: e.rule.code,
                    })
                  }
                >
                  {t('modCommon.action.restore')}
                </Button>
              ) : null,
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} testId="modlog-more" />
      <ActModal
        target={restoring?.target ?? null}
        actions={RESTORE}
        initialRule={restoring?.rule}
        rules={charter.data}
        rulesLoading={charter.loading}
        onClose={() => setRestoring(null)}
        onDone={() => void list.reload()}
      />
    </Card>
  );
}
