import { Badge, Descriptions, Drawer, Space, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ShortId, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';
import { GroupMembers } from './group-members';
import { GroupMessages } from './group-messages';
import type { ConsoleGroup } from './group-model';
import { GroupSettings } from './group-settings';
import { GroupTags } from './group-tags';

interface Props {
  groupId: string | null;
  onClose(): void;
  /** Something the list shows changed (settings, member count, pending requests). */
  onChanged(): void;
}

/** One group: its settings, members, join requests and recent messages (read-only context). */
export function GroupDrawer({ groupId, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const { can } = useOperator();
  const {
    data: group,
    error,
    loading,
    reload,
  } = useLoad(() => (groupId ? api<ConsoleGroup>('GET', `/groups/${groupId}`) : Promise.resolve(undefined)), [groupId]);
  const changed = () => {
    void reload();
    onChanged();
  };

  return (
    <Drawer
      open={groupId !== null}
      width={880}
      onClose={onClose}
      destroyOnHidden
      title={
        group ? (
          <Space>
            <span data-testid="group-drawer-title">{group.name}</span>
            <GroupTags group={group} />
          </Space>
        ) : (
          t('groups.detail')
        )
      }
    >
      <LoadError error={error} onRetry={reload} />
      {loading && !group && <Spin />}
      {group && group.id === groupId && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            style={{ marginBottom: 8 }}
            items={[
              { key: 'id', label: 'ID', children: <ShortId id={group.id} /> },
              { key: 'members', label: t('groups.members'), children: group.memberCount },
              { key: 'created', label: t('groups.createdAt'), children: shanghaiTime(group.createdAt) },
              { key: 'topic', label: t('groups.topic'), children: group.topic ? `#${group.topic}` : '—' },
              { key: 'product', label: t('groups.product'), children: group.productId ? <ShortId id={group.productId} /> : '—' },
              { key: 'last', label: t('groups.lastActive'), children: shanghaiTime(group.lastMessageAt) },
            ]}
          />
          {group.description && (
            <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
              {group.description}
            </Typography.Paragraph>
          )}
          <Tabs
            items={[
              { key: 'settings', label: t('groups.tab.settings'), children: <GroupSettings group={group} onChanged={changed} /> },
              {
                key: 'members',
                label: t('groups.tab.members'),
                children: <GroupMembers group={group} state="active" onChanged={changed} />,
              },
              {
                key: 'requests',
                label: (
                  <Space size={4} data-testid="group-tab-requests">
                    {t('groups.tab.requests')}
                    {group.pendingCount > 0 && <Badge count={group.pendingCount} size="small" />}
                  </Space>
                ),
                children: <GroupMembers group={group} state="pending" onChanged={changed} />,
              },
              ...(can('community.moderate')
                ? [
                    {
                      key: 'messages',
                      label: <span data-testid="group-tab-messages">{t('groups.tab.messages')}</span>,
                      children: <GroupMessages group={group} onChanged={changed} />,
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
