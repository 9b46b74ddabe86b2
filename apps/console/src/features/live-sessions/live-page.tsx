import type { ConsoleLiveSession, LiveSession, LiveStatus, Page } from '@quanzi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Modal, Space, Table, Tabs, Tag, Tooltip, Typography, message } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { MemberLink, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import { GroupName, useGroupOptions } from '../community-groups/group-select';
import { LiveFormDrawer } from './live-form-drawer';
import { STATUS_COLORS, commandsFor, type LiveCommand } from './live-model';
import { QuestionsDrawer } from './questions-drawer';

type Tab = 'all' | LiveStatus;
const TABS: Tab[] = ['all', 'scheduled', 'live', 'ended', 'cancelled'];

/** 直播管理: schedule, edit, start, end and cancel live sessions; answer the room's questions. */
export function LivePage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('all');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [editing, setEditing] = useState<ConsoleLiveSession | 'new' | null>(null);
  const [questionsOf, setQuestionsOf] = useState<ConsoleLiveSession | null>(null);
  const [modal, contextHolder] = Modal.useModal();
  const groups = useGroupOptions();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<ConsoleLiveSession>>('GET', `/live?page=${page}&pageSize=${pageSize}${tab === 'all' ? '' : `&status=${tab}`}`),
    [page, pageSize, tab],
  );

  const command = (s: ConsoleLiveSession, c: LiveCommand) =>
    void modal.confirm({
      title: t(`live.confirm.${c}.title`, { title: s.title }),
      content: t(`live.confirm.${c}.body`, { count: s.subscriberCount }),
      okText: t(`live.command.${c}`),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { danger: c !== 'start', 'data-testid': `live-${c}-confirm` },
      onOk: async () => {
        try {
          await api<LiveSession>('POST', `/live/${s.id}/${c}`);
          void message.success(t(`live.done.${c}`));
          void reload();
        } catch (err) {
          void message.error(errorMessage(err));
          void reload();
          throw err;
        }
      },
    });

  return (
    <Card
      title={t('menu.liveSessions')}
      extra={
        <Space>
          <Button onClick={reload}>{t('communityCommon.refresh')}</Button>
          <Button type="primary" icon={<PlusOutlined />} data-testid="live-create" onClick={() => setEditing('new')}>
            {t('live.create')}
          </Button>
        </Space>
      }
    >
      {contextHolder}
      <Tabs
        activeKey={tab}
        onChange={(k) => {
          setTab(k as Tab);
          setPage(1);
        }}
        items={TABS.map((k) => ({ key: k, label: <span data-testid={`live-tab-${k}`}>{t(`live.tab.${k}`)}</span> }))}
      />
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleLiveSession>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={pagination(data?.total)}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('live.empty') }}
        onRow={(s) => ({ 'data-testid': `live-row-${s.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('live.titleLabel'),
            key: 'title',
            render: (_, s) => (
              <div style={{ minWidth: 180, maxWidth: 300 }}>
                <Typography.Text strong>{s.title}</Typography.Text>
                {s.description && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12 }}>
                    {s.description}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          },
          {
            title: t('live.status'),
            dataIndex: 'status',
            render: (v: LiveStatus) => <Tag color={STATUS_COLORS[v]}>{t(`live.tab.${v}`)}</Tag>,
          },
          { title: t('live.scheduledAt'), dataIndex: 'scheduledAt', render: shanghaiTime },
          {
            title: t('live.host'),
            key: 'host',
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <span>{s.hostName}</span>
                {s.hostMemberId ? (
                  <MemberLink id={s.hostMemberId} />
                ) : (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('live.operatorHost')}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('live.group'),
            dataIndex: 'groupId',
            render: (id: string | null) => (id ? <GroupName id={id} groups={groups.data} /> : t('live.public')),
          },
          {
            title: t('live.counts'),
            key: 'counts',
            render: (_, s) => (
              <Typography.Text style={{ whiteSpace: 'nowrap' }}>
                {t('live.countsValue', { subscribers: s.subscriberCount, comments: s.commentCount, questions: s.questionCount })}
              </Typography.Text>
            ),
          },
          {
            title: t('live.streamUrl'),
            dataIndex: 'streamUrl',
            render: (url: string) => (
              <Tooltip title={url}>
                <Typography.Link
                  href={url}
                  target="_blank"
                  rel="noopener noreferrer"
                  ellipsis
                  style={{ maxWidth: 180, display: 'inline-block' }}
                >
                  {url.replace(/^https:\/\//, '')}
                </Typography.Link>
              </Tooltip>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, s) => {
              const { edit, commands } = commandsFor(s.status);
              return (
                <Space size={0} wrap={false}>
                  {edit && (
                    <Button type="link" size="small" data-testid={`live-edit-${s.id}`} onClick={() => setEditing(s)}>
                      {t('live.edit')}
                    </Button>
                  )}
                  {commands.map((c) => (
                    <Button
                      key={c}
                      type="link"
                      size="small"
                      danger={c !== 'start'}
                      data-testid={`live-${c}-${s.id}`}
                      onClick={() => command(s, c)}
                    >
                      {t(`live.command.${c}`)}
                    </Button>
                  ))}
                  <Button type="link" size="small" data-testid={`live-questions-${s.id}`} onClick={() => setQuestionsOf(s)}>
                    {t('live.questions', { count: s.questionCount })}
                  </Button>
                  {s.recap && (
                    <Typography.Link href={s.recap.link} target="_blank" rel="noopener noreferrer" style={{ paddingInline: 7 }}>
                      {t('live.recap')}
                    </Typography.Link>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <LiveFormDrawer
        session={editing}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          void message.success(t('live.saved', { title: s.title }));
          void reload();
        }}
      />
      <QuestionsDrawer session={questionsOf} onClose={() => setQuestionsOf(null)} onChanged={() => void reload()} />
    </Card>
  );
}
