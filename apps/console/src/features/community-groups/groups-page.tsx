import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Space, Table, Tag, Typography, message } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { ShortId, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { CreateGroupDrawer } from './create-group-drawer';
import { GroupDrawer } from './group-drawer';
import type { ConsoleGroup } from './group-model';
import { GroupTags } from './group-tags';
import { LoadMore } from './load-more';
import { SlowModeLabel } from './slow-mode';
import { useCursorList, type CursorPage } from './use-cursor-list';

/** 圈子管理: every group, most recently active first, with pending join requests; create and manage. */
export function GroupsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const openId = params.get('group');
  const list = useCursorList(
    (cursor) => {
      const query = new URLSearchParams({ limit: '30' });
      if (q) query.set('q', q);
      if (cursor) query.set('cursor', cursor);
      return api<CursorPage<ConsoleGroup>>('GET', `/groups?${query.toString()}`);
    },
    [q],
  );
  const open = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('group', id);
        else next.delete('group');
        return next;
      },
      { replace: true },
    );

  return (
    <Card
      title={t('menu.groups')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('groups.search')}
            style={{ width: 220 }}
            onSearch={(v) => setQ(v.trim())}
            data-testid="groups-search"
          />
          <Button onClick={list.reload}>{t('communityCommon.refresh')}</Button>
          <Button type="primary" icon={<PlusOutlined />} data-testid="group-create" onClick={() => setCreating(true)}>
            {t('groups.create')}
          </Button>
        </Space>
      }
    >
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<ConsoleGroup>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: q ? t('groups.noMatch') : t('groups.empty') }}
        onRow={(g) => ({ 'data-testid': `group-row-${g.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('groups.name'),
            key: 'name',
            render: (_, g) => (
              <div style={{ minWidth: 180, maxWidth: 320 }}>
                <Typography.Link strong onClick={() => open(g.id)}>
                  {g.name}
                </Typography.Link>
                {g.description && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, fontSize: 12 }}>
                    {g.description}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          },
          { title: t('groups.access'), key: 'access', render: (_, g) => <GroupTags group={g} /> },
          {
            title: t('groups.about'),
            key: 'about',
            render: (_, g) => (
              <Space size={4} wrap>
                {g.topic && <Tag>#{g.topic}</Tag>}
                {g.productId && (
                  <Tag color="cyan">
                    {t('groups.productTag')} {g.productId.slice(0, 8)}
                  </Tag>
                )}
                {!g.topic && !g.productId && '—'}
              </Space>
            ),
          },
          { title: t('groups.members'), dataIndex: 'memberCount', align: 'right' },
          {
            title: t('groups.pending'),
            dataIndex: 'pendingCount',
            align: 'center',
            render: (n: number) =>
              n > 0 ? <Badge count={n} data-testid="group-pending-badge" /> : <Typography.Text type="secondary">0</Typography.Text>,
          },
          { title: t('groups.slowMode'), dataIndex: 'slowModeSeconds', render: (s: number) => <SlowModeLabel seconds={s} /> },
          {
            title: t('groups.lastActive'),
            key: 'last',
            render: (_, g) =>
              g.lastMessageAt ? (
                shanghaiTime(g.lastMessageAt)
              ) : (
                <Typography.Text type="secondary">{t('groups.noMessages')}</Typography.Text>
              ),
          },
          { title: 'ID', dataIndex: 'id', render: (id: string) => <ShortId id={id} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, g) => (
              <Button type="link" size="small" data-testid={`group-manage-${g.id}`} onClick={() => open(g.id)}>
                {t('groups.manage')}
              </Button>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} testId="groups-more" />
      <CreateGroupDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(g) => {
          void message.success(t('groups.created', { name: g.name }));
          void list.reload();
          open(g.id);
        }}
      />
      <GroupDrawer groupId={openId} onClose={() => open(null)} onChanged={() => void list.reload()} />
    </Card>
  );
}
