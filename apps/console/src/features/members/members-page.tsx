import type { MemberListItem, Page } from '@quanzi/contracts';
import { channelName } from '../../shared/labels';
import { formatShanghaiTime } from '@quanzi/web-kit';
import { Card, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

export function MembersPage() {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<MemberListItem>>('GET', `/members?page=${page}&pageSize=${pageSize}${query ? `&q=${encodeURIComponent(query)}` : ''}`),
    [page, pageSize, query],
  );
  return (
    <Card
      title={t('menu.members')}
      extra={
        <Input.Search
          allowClear
          placeholder={t('members.searchPlaceholder')}
          onSearch={(v) => {
            setPage(1);
            setQuery(v.trim());
          }}
          style={{ width: 320 }}
        />
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<MemberListItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: query ? t('members.noMatch') : t('common.empty') }}
        pagination={pagination(data?.total)}
        columns={[
          { title: t('members.phone'), dataIndex: 'phoneMasked', render: (v: string, m) => <Link to={`/members/${m.id}`}>{v}</Link> },
          { title: t('members.nickname'), dataIndex: 'nickname' },
          {
            title: t('members.realName'),
            dataIndex: 'realNameVerified',
            render: (v: boolean) => (v ? <Tag color="green">{t('members.verified')}</Tag> : <Tag>{t('members.unverified')}</Tag>),
          },
          { title: t('members.cards'), dataIndex: 'bankCardCount' },
          { title: t('members.channel'), dataIndex: 'channel', render: (v: string | null) => channelName(t, v) },
          {
            title: t('members.status'),
            dataIndex: 'status',
            render: (v: string) =>
              v === 'active' ? <Tag color="blue">{t('members.active')}</Tag> : <Tag color="default">{t('members.closed')}</Tag>,
          },
          { title: t('members.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatShanghaiTime(v, true) },
        ]}
      />
    </Card>
  );
}
