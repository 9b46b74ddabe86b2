import type { CommunityHealth } from '@quanzi/contracts';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { downloadCsv, healthCsv, pct, sparklineOption, yuan } from './analytics-model';
import { EChart } from './echart';

type Group = CommunityHealth['items'][number];
const STAGE_COLOR: Record<Group['stage'], string> = { formation: 'blue', assimilation: 'gold', collaboration: 'green', declining: 'red' };
const minutes = (s: number | null) => (s === null ? '—' : s < 3600 ? `${Math.round(s / 60)} 分钟` : `${(s / 3600).toFixed(1)} 小时`);

/** 社群健康度: a card per group with its stage, the signals behind it, a sparkline of weekly messages, and the dying warning. */
export function CommunityHealthPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<CommunityHealth>('GET', '/community/health'), []);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4}>{t('analytics.healthTitle')}</Typography.Title>
        <Button disabled={!data} onClick={() => data && downloadCsv('community-health', healthCsv(data))}>
          {t('analytics.exportCsv')}
        </Button>
      </Space>
      <LoadError error={error} onRetry={() => void reload()} />
      <Spin spinning={loading}>
        {data && (
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={6}>
              <Statistic title={t('analytics.groups')} value={data.overall.groups} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('analytics.dyingGroups')}
                value={data.overall.dying}
                valueStyle={data.overall.dying ? { color: '#cf1322' } : {}}
              />
            </Col>
            <Col span={6}>
              <Statistic title={t('analytics.messagesPerDay')} value={data.overall.messagesPerDay.toFixed(1)} />
            </Col>
            <Col span={6}>
              <Statistic title="DAU/MAU" value={pct(data.overall.medianDauMau)} />
            </Col>
          </Row>
        )}
        {data && data.items.length === 0 && <Empty description={t('analytics.noGroups')} />}
        <Row gutter={[16, 16]}>
          {data?.items.map((g) => (
            <Col key={g.groupId} xs={24} md={12} xl={8}>
              <Card
                size="small"
                title={g.groupName ?? `${t('analytics.group')} ${g.groupId.slice(0, 8)}`}
                extra={<Tag color={STAGE_COLOR[g.stage]}>{t(`analytics.stages.${g.stage}`)}</Tag>}
              >
                {g.dying && <Alert type="error" showIcon style={{ marginBottom: 8 }} message={t('analytics.dyingWarning')} />}
                <EChart option={sparklineOption(g.weekly)} height={60} label={t('analytics.weeklyMessages')} />
                <Row gutter={8}>
                  <Col span={8}>
                    <Statistic title="DAU/MAU" value={pct(g.dauMau)} valueStyle={{ fontSize: 16 }} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t('analytics.lurkers')} value={pct(g.lurkerShare)} valueStyle={{ fontSize: 16 }} />
                  </Col>
                  <Col span={8}>
                    <Statistic title={t('analytics.messagesPerDay')} value={g.messagesPerDay.toFixed(1)} valueStyle={{ fontSize: 16 }} />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('analytics.responseMedian')}
                      value={minutes(g.responseMedianSeconds)}
                      valueStyle={{ fontSize: 16 }}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic title="P90" value={minutes(g.responseP90Seconds)} valueStyle={{ fontSize: 16 }} />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('analytics.newcomerValue')}
                      value={g.newcomerFirstWeekValue === null ? '—' : pct(g.newcomerFirstWeekValue)}
                      valueStyle={{ fontSize: 16 }}
                    />
                  </Col>
                  <Col span={12}>
                    <Statistic
                      title={t('analytics.lastTouch')}
                      prefix="¥"
                      value={yuan(Number(g.attributed.lastTouch))}
                      valueStyle={{ fontSize: 16 }}
                    />
                  </Col>
                  <Col span={12}>
                    <Statistic
                      title={t('analytics.firstTouch')}
                      prefix="¥"
                      value={yuan(Number(g.attributed.firstTouch))}
                      valueStyle={{ fontSize: 16 }}
                    />
                  </Col>
                </Row>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {g.signals.join('；')}
                  {g.unanswered ? `；${t('analytics.unanswered', { n: g.unanswered })}` : ''}
                </Typography.Paragraph>
              </Card>
            </Col>
          ))}
        </Row>
      </Spin>
    </Space>
  );
}
