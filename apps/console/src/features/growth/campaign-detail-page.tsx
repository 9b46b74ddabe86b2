import type { Page } from '@quanzi/contracts';
import { Button, Card, Descriptions, Empty, Select, Space, Spin, Table, Tag, Typography, message } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { shanghaiMinute } from '../../shared/investing';
import { LoadError } from '../../shared/load-error';
import { formatMoney } from '../../shared/money';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import { BudgetText, CampaignStatusTag } from './campaigns-page';
import type { CampaignDetailT, CampaignGrantT, CampaignT } from './types';

const BurnDownChart = lazy(() => import('./burn-down-chart'));
const GRANT_STATUSES = ['granted', 'review', 'denied', 'member_limit', 'budget_exhausted'] as const;
const RISK_COLOR = { allow: 'green', review: 'orange', deny: 'red' } as const;

/** 活动详情: budget spent, outcomes, the burn-down chart, pause/resume and the grants log with risk decisions. */
export function CampaignDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<CampaignGrantT['status']>();
  const { page, pageSize, setPage, pagination } = usePaging();
  const campaign = useLoad(() => api<CampaignDetailT>('GET', `/campaigns/${id}`), [id]);
  const qs = new URLSearchParams({ page: String(page), pageSize: String(pageSize), ...(status ? { status } : {}) }).toString();
  const grants = useLoad(() => api<Page<CampaignGrantT>>('GET', `/campaigns/${id}/grants?${qs}`), [id, qs]);
  const c = campaign.data;

  const toggle = async () => {
    if (!c) return;
    setBusy(true);
    try {
      const action = c.status === 'paused' ? 'resume' : 'pause';
      await api<CampaignT>('POST', `/campaigns/${id}/${action}`);
      void message.success(t(action === 'pause' ? 'growth.paused' : 'growth.resumed'));
      await campaign.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={c?.name ?? t('growth.detail')}
        loading={campaign.loading && !c}
        extra={
          <Space>
            <Link to="/growth/campaigns">{t('growth.back')}</Link>
            {c && c.status !== 'exhausted' && (
              <Button data-testid="campaign-toggle" loading={busy} onClick={() => void toggle()}>
                {c.status === 'paused' ? t('growth.resume') : t('growth.pause')}
              </Button>
            )}
          </Space>
        }
      >
        <LoadError error={campaign.error} onRetry={campaign.reload} />
        {c && (
          <>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('growth.trigger')}>{t(`growth.triggers.${c.trigger}`)}</Descriptions.Item>
              <Descriptions.Item label={t('growth.status')}>
                <CampaignStatusTag c={c} />
              </Descriptions.Item>
              <Descriptions.Item
                label={t('growth.window')}
              >{`${shanghaiMinute(c.startsAt)} – ${shanghaiMinute(c.endsAt)}`}</Descriptions.Item>
              <Descriptions.Item label={t('growth.budget')}>
                <span data-testid="campaign-budget">
                  <BudgetText c={c} />
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('growth.builder.dailyMoney')}>
                {c.budget.dailyMoney ? formatMoney(c.budget.dailyMoney) : t('growth.detailPage.unlimited')}
              </Descriptions.Item>
              <Descriptions.Item label={t('growth.builder.perMemberLimit')}>
                {c.perMemberLimit ?? t('growth.detailPage.unlimited')}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ marginTop: 12 }} data-testid="campaign-counts">
              {t('growth.detailPage.counts', c.grants)}
            </Typography.Paragraph>
            <Typography.Title level={5}>{t('growth.detailPage.burnDown')}</Typography.Title>
            {c.burnDown.length ? (
              <Suspense fallback={<Spin />}>
                <BurnDownChart campaign={c} />
              </Suspense>
            ) : (
              <Empty description={t('growth.detailPage.noBurn')} />
            )}
          </>
        )}
      </Card>
      <Card
        title={t('growth.detailPage.grants')}
        extra={
          <Select
            allowClear
            placeholder={t('growth.detailPage.allStatuses')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => {
              setPage(1);
              setStatus(v);
            }}
            options={GRANT_STATUSES.map((s) => ({ value: s, label: t(`growth.grantStatuses.${s}`) }))}
          />
        }
      >
        <LoadError error={grants.error} onRetry={grants.reload} />
        <Table<CampaignGrantT>
          rowKey="id"
          size="small"
          loading={grants.loading}
          dataSource={grants.data?.items}
          pagination={pagination(grants.data?.total)}
          columns={[
            { title: t('growth.detailPage.time'), dataIndex: 'createdAt', render: (v: string) => shanghaiMinute(v) },
            {
              title: t('growth.detailPage.member'),
              dataIndex: 'memberId',
              render: (v: string) => <Link to={`/members/${v}`}>{v.slice(0, 8)}</Link>,
            },
            { title: t('growth.status'), dataIndex: 'status', render: (v: CampaignGrantT['status']) => t(`growth.grantStatuses.${v}`) },
            { title: t('growth.detailPage.tier'), dataIndex: 'tier', render: (v: number | null) => (v === null ? '—' : v + 1) },
            { title: t('growth.detailPage.cost'), dataIndex: 'cost', render: (v: string) => formatMoney(v) },
            {
              title: t('growth.detailPage.risk'),
              dataIndex: 'risk',
              render: (r: CampaignGrantT['risk']) =>
                r ? (
                  <Tag color={RISK_COLOR[r.decision]}>
                    {t(`growth.risk.${r.decision}`)} · {r.score} · {r.ruleSet}
                  </Tag>
                ) : (
                  '—'
                ),
            },
            {
              title: t('growth.detailPage.effects'),
              dataIndex: 'effects',
              render: (e: CampaignGrantT['effects']) => e.map((x) => x.summary).join('；'),
            },
            {
              title: t('growth.detailPage.event'),
              dataIndex: 'eventId',
              render: (v: string) => <Typography.Text code>{v.slice(0, 8)}</Typography.Text>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
