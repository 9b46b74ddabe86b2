import type { UnansweredAlarm } from '@quanzi/contracts';
import { Alert, Button, Card, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import { GroupSelect } from '../community-groups/group-select';
import { alarmEvents } from './alarm-watch';
import { Duration } from './duration';

type Status = 'alarmed' | 'open' | 'answered' | 'all';
interface AlarmPage {
  items: UnansweredAlarm[];
  total: number;
  responseStats: { answered: number; medianSeconds: number | null; p90Seconds: number | null };
}
const STATUS_COLOR: Record<UnansweredAlarm['status'], string> = { open: 'gold', alarmed: 'red', answered: 'green' };

/** 未回复告警: members' questions in group chats nobody answered in time, with first-response times. */
export function AlarmsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<Status>('alarmed');
  const [groupId, setGroupId] = useState<string | undefined>();
  const paging = usePaging();
  const { data, error, loading, reload } = useLoad(
    () =>
      api<AlarmPage>(
        'GET',
        `/unanswered-alarms?status=${status}&page=${paging.page}&pageSize=${paging.pageSize}${groupId ? `&groupId=${groupId}` : ''}`,
      ),
    [status, groupId, paging.page, paging.pageSize],
  );
  useEffect(() => {
    const again = () => void reload();
    alarmEvents.addEventListener('alarm.raised', again);
    alarmEvents.addEventListener('alarm.cleared', again);
    return () => {
      alarmEvents.removeEventListener('alarm.raised', again);
      alarmEvents.removeEventListener('alarm.cleared', again);
    };
  }, [reload]);
  const stats = data?.responseStats;
  return (
    <Card
      title={t('menu.unansweredAlarms')}
      extra={
        <Button onClick={() => void reload()} data-testid="alarms-refresh">
          {t('communityCommon.refresh')}
        </Button>
      }
    >
      <Alert type="info" showIcon message={t('ops.alarms.note')} style={{ marginBottom: 16 }} />
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Segmented<Status>
          value={status}
          onChange={(v) => {
            setStatus(v);
            paging.setPage(1);
          }}
          options={(['alarmed', 'open', 'answered', 'all'] as const).map((s) => ({ value: s, label: t(`ops.alarms.filter.${s}`) }))}
        />
        <div style={{ minWidth: 240 }}>
          <GroupSelect value={groupId} onChange={setGroupId} placeholder={t('ops.allGroups')} />
        </div>
        <Statistic title={t('ops.alarms.answeredCount')} value={stats?.answered ?? 0} />
        <Statistic title={t('ops.alarms.median')} valueRender={() => <Duration seconds={stats?.medianSeconds ?? null} />} />
        <Statistic title={t('ops.alarms.p90')} valueRender={() => <Duration seconds={stats?.p90Seconds ?? null} />} />
      </Space>
      <LoadError error={error} onRetry={() => void reload()} />
      <Table<UnansweredAlarm>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={paging.pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(status === 'alarmed' ? 'ops.alarms.emptyAlarmed' : 'common.empty') }}
        onRow={(a) => ({ 'data-testid': `alarm-row-${a.messageId}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('ops.alarms.status'),
            dataIndex: 'status',
            render: (s: UnansweredAlarm['status']) => <Tag color={STATUS_COLOR[s]}>{t(`ops.alarms.statuses.${s}`)}</Tag>,
          },
          {
            title: t('ops.alarms.question'),
            key: 'q',
            render: (_, a) => (
              <div style={{ minWidth: 220, maxWidth: 420 }}>
                {a.source === 'thread' && <Tag color="purple">{t('ops.alarms.thread')}</Tag>}
                <Typography.Text strong>{a.excerpt}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {a.groupName} · {a.askerName}
                  </Typography.Text>
                </div>
              </div>
            ),
          },
          { title: t('ops.alarms.askedAt'), dataIndex: 'askedAt', render: shanghaiTime },
          {
            title: t('ops.alarms.waiting'),
            key: 'waiting',
            render: (_, a) => (a.status === 'answered' ? '—' : <Duration seconds={a.waitingSeconds} colored />),
          },
          {
            title: t('ops.alarms.response'),
            key: 'response',
            render: (_, a) => (a.status === 'answered' ? <Duration seconds={a.responseSeconds} colored /> : '—'),
          },
          { title: t('ops.alarms.answeredBy'), dataIndex: 'answeredBy', render: (v: string | null) => v ?? '—' },
          {
            title: t('ops.alarms.notified'),
            key: 'notified',
            render: (_, a) =>
              a.alarmedAt ? (
                <Space size={4} wrap>
                  {a.dutyOperators.length ? a.dutyOperators.map((n) => <Tag key={n}>{n}</Tag>) : <Tag>{t('ops.alarms.noDuty')}</Tag>}
                  <Typography.Text type="secondary">{t('ops.alarms.experts', { count: a.notifiedExperts })}</Typography.Text>
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, a) => (
              <Typography.Link href={a.link} target="_blank" rel="noopener noreferrer">
                {t('ops.alarms.open')}
              </Typography.Link>
            ),
          },
        ]}
      />
    </Card>
  );
}
