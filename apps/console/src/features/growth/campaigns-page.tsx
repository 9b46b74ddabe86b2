import type { Page } from '@quanzi/contracts';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api';
import { shanghaiMinute } from '../../shared/investing';
import { LoadError } from '../../shared/load-error';
import { formatMoney } from '../../shared/money';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import type { CampaignT } from './types';

const STATUS_COLOR = { active: 'green', paused: 'orange', exhausted: 'default' } as const;

export function CampaignStatusTag({ c }: { c: Pick<CampaignT, 'status' | 'running'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[c.status]}>{t(`growth.statuses.${c.status}`)}</Tag>
      {c.status === 'active' && (
        <Tag color={c.running ? 'blue' : 'default'}>{c.running ? t('growth.running') : t('growth.notRunning')}</Tag>
      )}
    </Space>
  );
}

export function BudgetText({ c }: { c: Pick<CampaignT, 'budget' | 'spentMoney' | 'grantedCount'> }) {
  const parts: string[] = [];
  if (c.budget.totalMoney !== null) parts.push(`${formatMoney(c.spentMoney)} / ${formatMoney(c.budget.totalMoney)}`);
  if (c.budget.totalCount !== null) parts.push(`${c.grantedCount} / ${c.budget.totalCount}`);
  return <span>{parts.join(' · ')}</span>;
}

/** 营销活动: every campaign with its state and budget use; newest first. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<CampaignT>>('GET', `/campaigns?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );
  return (
    <Card
      title={t('menu.campaigns')}
      extra={
        <Space>
          <Button onClick={reload}>{t('growth.refresh')}</Button>
          <Link to="/growth/campaigns/new">
            <Button type="primary" data-testid="new-campaign">
              {t('growth.create')}
            </Button>
          </Link>
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<CampaignT>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={pagination(data?.total)}
        locale={{ emptyText: t('growth.empty') }}
        columns={[
          { title: t('growth.name'), dataIndex: 'name', render: (name: string, c) => <Link to={`/growth/campaigns/${c.id}`}>{name}</Link> },
          { title: t('growth.trigger'), dataIndex: 'trigger', render: (v: string) => t(`growth.triggers.${v}`) },
          { title: t('growth.status'), render: (_, c) => <CampaignStatusTag c={c} /> },
          { title: t('growth.budget'), render: (_, c) => <BudgetText c={c} /> },
          { title: t('growth.window'), render: (_, c) => `${shanghaiMinute(c.startsAt)} – ${shanghaiMinute(c.endsAt)}` },
        ]}
      />
    </Card>
  );
}
