import type { MembersAnalytics } from '@quanzi/contracts';
import { Button, Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { cohortOption, downloadCsv, lorenzOption, membersCsv, pct } from './analytics-model';
import { EChart } from './echart';

/** 会员分析: cohort retention heatmap, the Lorenz curve (80/20), high-net-worth members, lifecycle stages. */
export function AnalyticsMembersPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<MembersAnalytics>('GET', '/analytics/members'), []);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4}>{t('analytics.membersTitle')}</Typography.Title>
        <Button disabled={!data} onClick={() => data && downloadCsv('members', membersCsv(data))}>
          {t('analytics.exportCsv')}
        </Button>
      </Space>
      <LoadError error={error} onRetry={() => void reload()} />
      <Spin spinning={loading}>
        {data && (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={6}>
                <Statistic title={t('analytics.top20Share')} value={pct(data.top20Share)} />
              </Col>
              <Col span={6}>
                <Statistic title={t('analytics.repeatRate')} value={pct(data.repeatInvestmentRate)} />
              </Col>
              <Col span={6}>
                <Statistic title={t('analytics.highNetWorth')} value={data.highNetWorth.members} />
              </Col>
              <Col span={6}>
                <Statistic title={t('analytics.lifecycle.active')} value={data.lifecycle.active} />
              </Col>
            </Row>
            <Row gutter={16}>
              <Col xs={24} xl={14}>
                <Card title={t('analytics.cohortTitle')}>
                  <EChart
                    option={cohortOption(data, (k) => t('analytics.weekN', { n: k }))}
                    height={380}
                    label={t('analytics.cohortTitle')}
                  />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card title={t('analytics.lorenzTitle')}>
                  <EChart
                    option={lorenzOption(data, { curve: t('analytics.lorenzCurve'), equality: t('analytics.equality') })}
                    height={380}
                    label={t('analytics.lorenzTitle')}
                  />
                </Card>
              </Col>
            </Row>
            <Card title={t('analytics.lifecycleTitle')} style={{ marginTop: 16 }}>
              <Row gutter={16}>
                {(['new', 'active', 'silent', 'churn_risk', 'churned'] as const).map((k) => (
                  <Col key={k} flex="1">
                    <Statistic title={t(`analytics.lifecycle.${k}`)} value={data.lifecycle[k]} />
                  </Col>
                ))}
              </Row>
            </Card>
          </>
        )}
      </Spin>
    </Space>
  );
}
