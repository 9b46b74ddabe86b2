import { SafetyCertificateFilled } from '@ant-design/icons';
import { Button, Modal, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { MemberLink, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import type { ConsoleGroup, GroupMember } from './group-model';
import { LoadMore } from './load-more';
import { useCursorList, type CursorPage } from './use-cursor-list';

const ROLE_COLORS = { owner: 'gold', admin: 'blue', member: 'default' } as const;

/** A nickname with the verified badges members see beside it. */
export function MemberName({ card }: { card: GroupMember['member'] }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Typography.Text strong>{card.nickname}</Typography.Text>
      {card.badges.includes('staff') && <Tag color="purple">{t('groups.badge.staff')}</Tag>}
      {card.badges.includes('expert') && (
        <Tooltip title={card.badgeTitle}>
          <Tag color="blue" icon={<SafetyCertificateFilled />}>
            {card.badgeTitle ?? t('groups.badge.expert')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}

/**
 * The group's members (make admin / back to member) or its pending join requests (approve /
 * refuse). Every change asks first; the server's refusal is shown.
 */
export function GroupMembers({ group, state, onChanged }: { group: ConsoleGroup; state: 'active' | 'pending'; onChanged(): void }) {
  const { t } = useTranslation();
  const [modal, contextHolder] = Modal.useModal();
  const list = useCursorList(
    (cursor) =>
      api<CursorPage<GroupMember>>(
        'GET',
        `/groups/${group.id}/members?state=${state}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      ),
    [group.id, state],
  );

  const run = async (call: () => Promise<unknown>, done: string) => {
    try {
      await call();
      void message.success(done);
      void list.reload();
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err));
      throw err;
    }
  };

  const setRole = (m: GroupMember, role: 'admin' | 'member') =>
    void modal.confirm({
      title: t(role === 'admin' ? 'groups.makeAdminTitle' : 'groups.makeMemberTitle', { name: m.member.nickname }),
      content: t(role === 'admin' ? 'groups.makeAdminBody' : 'groups.makeMemberBody'),
      okText: t(role === 'admin' ? 'groups.makeAdmin' : 'groups.makeMember'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { 'data-testid': 'member-role-confirm' },
      onOk: () => run(() => api('PUT', `/groups/${group.id}/roles`, { memberId: m.member.id, role }), t('groups.roleChanged')),
    });

  const decide = (m: GroupMember, approve: boolean) =>
    void modal.confirm({
      title: t(approve ? 'groups.approveTitle' : 'groups.refuseTitle', { name: m.member.nickname, group: group.name }),
      okText: t(approve ? 'groups.approve' : 'groups.refuse'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { danger: !approve, 'data-testid': 'join-decide-confirm' },
      onOk: () =>
        run(
          () => api('POST', `/groups/${group.id}/join-requests`, { memberId: m.member.id, approve }),
          t(approve ? 'groups.approved' : 'groups.refused'),
        ),
    });

  return (
    <>
      {contextHolder}
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<GroupMember>
        rowKey={(m) => m.member.id}
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: state === 'pending' ? t('groups.noRequests') : t('groups.noMembers') }}
        onRow={(m) =>
          ({ 'data-testid': `${state === 'pending' ? 'request' : 'member'}-row-${m.member.id}` }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('groups.nickname'), key: 'name', render: (_, m) => <MemberName card={m.member} /> },
          ...(state === 'active'
            ? [
                {
                  title: t('groups.role'),
                  key: 'role',
                  render: (_: unknown, m: GroupMember) => <Tag color={ROLE_COLORS[m.role]}>{t(`groups.roles.${m.role}`)}</Tag>,
                },
              ]
            : []),
          { title: t('groups.trust'), key: 'trust', render: (_, m) => `L${m.member.trustLevel}` },
          { title: t('groups.memberId'), key: 'id', render: (_, m) => <MemberLink id={m.member.id} /> },
          { title: state === 'pending' ? t('groups.requestedAt') : t('groups.joinedAt'), dataIndex: 'joinedAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, m) =>
              state === 'pending' ? (
                <Space size={0}>
                  <Button type="link" size="small" data-testid={`request-approve-${m.member.id}`} onClick={() => decide(m, true)}>
                    {t('groups.approve')}
                  </Button>
                  <Button type="link" size="small" danger data-testid={`request-refuse-${m.member.id}`} onClick={() => decide(m, false)}>
                    {t('groups.refuse')}
                  </Button>
                </Space>
              ) : m.role === 'owner' ? (
                <Typography.Text type="secondary">—</Typography.Text>
              ) : m.role === 'admin' ? (
                <Button type="link" size="small" data-testid={`member-demote-${m.member.id}`} onClick={() => setRole(m, 'member')}>
                  {t('groups.makeMember')}
                </Button>
              ) : (
                <Button type="link" size="small" data-testid={`member-promote-${m.member.id}`} onClick={() => setRole(m, 'admin')}>
                  {t('groups.makeAdmin')}
                </Button>
              ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} />
    </>
  );
}
