import type { AnalyticsSegment, CoreMetric, FunnelResult } from '@quanzi/contracts';
import { Alert, Button, Card, Col, Empty, Input, Row, Segmented, Select, Space, Spin, Statistic, Typography, message } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { coreCsv, downloadCsv, funnelCsv, funnelOption, pct, trendOption, waterfallOption, yuan } from './analytics-model';
import { EChart } from './echart';

const DEFAULT_STEPS = [
  { event: 'page_view', label: '访问' },
  { event: 'registered', label: '注册' },
  { event: 'real_name_verified', label: '实名' },
  { event: 'card_bound', label: '绑卡' },
  { event: 'invested', label: '首投' },
];
type Breakdown = 'none' | 'channel' | 'utm_source' | 'device' | 'product';
type Order = 'ordered' | 'strict' | 'any';

/** 增长看板 (the console home for growth): the default funnel with breakdown, the core metric's trend and waterfall. */
export function AnalyticsOverviewPage() {
  const { t } = useTranslation();
  const [breakdown, setBreakdown] = useState<Breakdown>('channel');
  const [order, setOrder] = useState<Order>('ordered');
  const [windowDays, setWindowDays] = useState(14);
  const [period, setPeriod] = useState<'day' | 'week'>('week');
  const funnel = useLoad(
    () =>
      api<FunnelResult>('POST', '/analytics/funnels', {
        steps: DEFAULT_STEPS.map((s) => ({ ...s, label: t(`analytics.steps.${s.event}`) })),
        windowDays,
        order,
        ...(breakdown === 'none' ? {} : { breakdown }),
      }),
    [breakdown, order, windowDays],
  );
  const core = useLoad(() => api<CoreMetric>('GET', `/analytics/core-metric?period=${period}`), [period]);
  const funnelChart = useMemo(
    () => (funnel.data ? funnelOption(funnel.data, { people: t('analytics.people'), conversion: t('analytics.conversion') }) : null),
    [funnel.data, t],
  );
  const factorNames = {
    previous: t('analytics.previous'),
    current: t('analytics.current'),
    uv: t('analytics.factors.uv'),
    registrationRate: t('analytics.factors.registrationRate'),
    investmentRate: t('analytics.factors.investmentRate'),
    averageTicket: t('analytics.factors.averageTicket'),
  };
  const empty = funnel.data && funnel.data.steps[0]!.count === 0;
  const [dropStep, setDropStep] = useState(1);
  const [segmentName, setSegmentName] = useState('');
  const [saving, setSaving] = useState(false);
  const saveSegment = async () => {
    setSaving(true);
    try {
      const seg = await api<AnalyticsSegment>('POST', '/analytics/segments', {
        name: segmentName.trim(),
        droppedAfterStep: dropStep,
        funnel: { steps: DEFAULT_STEPS.map((s) => ({ ...s, label: t(`analytics.steps.${s.event}`) })), windowDays, order },
      });
      void message.success(t('analytics.segmentSaved', { name: seg.name, n: seg.members }));
      setSegmentName('');
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={4}>{t('analytics.overviewTitle')}</Typography.Title>
      <Card
        title={t('analytics.funnelTitle')}
        extra={
          <Space wrap>
            <Select<Breakdown>
              value={breakdown}
              onChange={setBreakdown}
              style={{ width: 140 }}
              aria-label={t('analytics.breakdown')}
              options={(['none', 'channel', 'utm_source', 'device', 'product'] as const).map((v) => ({
                value: v,
                label: t(`analytics.breakdowns.${v}`),
              }))}
            />
            <Segmented<Order>
              value={order}
              onChange={setOrder}
              options={(['ordered', 'strict', 'any'] as const).map((v) => ({ value: v, label: t(`analytics.orders.${v}`) }))}
            />
            <Select<number>
              value={windowDays}
              onChange={setWindowDays}
              style={{ width: 110 }}
              aria-label={t('analytics.window')}
              options={[1, 7, 14, 30].map((d) => ({ value: d, label: t('analytics.windowDays', { days: d }) }))}
            />
            <Button disabled={!funnel.data} onClick={() => funnel.data && downloadCsv('funnel', funnelCsv(funnel.data))}>
              {t('analytics.exportCsv')}
            </Button>
          </Space>
        }
      >
        <LoadError error={funnel.error} onRetry={() => void funnel.reload()} />
        <Spin spinning={funnel.loading}>
          {empty ? (
            <Empty description={t('analytics.noEvents')} />
          ) : funnelChart ? (
            <>
              <EChart option={funnelChart} label={t('analytics.funnelTitle')} height={340} />
              <Row gutter={16}>
                {funnel.data!.steps.map((s) => (
                  <Col key={s.step} flex="1">
                    <Statistic title={s.label} value={s.count} suffix={s.step > 1 ? <small>{pct(s.conversion)}</small> : undefined} />
                  </Col>
                ))}
              </Row>
            </>
          ) : (
            <div style={{ height: 340 }} />
          )}
        </Spin>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('analytics.funnelNote')}
        </Typography.Paragraph>
        <Space wrap>
          <span>{t('analytics.saveDropped')}</span>
          <Select<number>
            value={dropStep}
            onChange={setDropStep}
            style={{ width: 180 }}
            aria-label={t('analytics.droppedAfter')}
            options={DEFAULT_STEPS.slice(0, -1).map((s, i) => ({
              value: i + 1,
              label: t('analytics.droppedAfterStep', {
                from: t(`analytics.steps.${s.event}`),
                to: t(`analytics.steps.${DEFAULT_STEPS[i + 1]!.event}`),
              }),
            }))}
          />
          <Input
            value={segmentName}
            onChange={(e) => setSegmentName(e.target.value)}
            maxLength={60}
            placeholder={t('analytics.segmentName')}
            style={{ width: 200 }}
          />
          <Button loading={saving} disabled={!segmentName.trim()} onClick={() => void saveSegment()}>
            {t('analytics.saveSegment')}
          </Button>
        </Space>
      </Card>
      <Card
        title={t('analytics.coreTitle')}
        extra={
          <Space>
            <Segmented<'day' | 'week'>
              value={period}
              onChange={setPeriod}
              options={[
                { value: 'day', label: t('analytics.periods.day') },
                { value: 'week', label: t('analytics.periods.week') },
              ]}
            />
            <Button disabled={!core.data} onClick={() => core.data && downloadCsv('core-metric', coreCsv(core.data))}>
              {t('analytics.exportCsv')}
            </Button>
          </Space>
        }
      >
        <LoadError error={core.error} onRetry={() => void core.reload()} />
        <Spin spinning={core.loading}>
          {core.data ? (
            <>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col span={6}>
                  <Statistic title={t('analytics.amount')} prefix="¥" value={yuan(Number(core.data.current.amount))} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('analytics.factors.uv')} value={core.data.current.factors.uv} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('analytics.factors.registrationRate')} value={pct(core.data.current.factors.registrationRate)} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('analytics.factors.investmentRate')} value={pct(core.data.current.factors.investmentRate)} />
                </Col>
              </Row>
              {core.data.mainDriver ? (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  message={t('analytics.mainDriver', { factor: factorNames[core.data.mainDriver] })}
                />
              ) : (
                <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('analytics.noDecomposition')} />
              )}
              <Row gutter={16}>
                <Col xs={24} lg={12}>
                  <EChart option={waterfallOption(core.data, factorNames)} label={t('analytics.waterfall')} />
                </Col>
                <Col xs={24} lg={12}>
                  <EChart
                    option={trendOption(core.data, { amount: t('analytics.amount'), uv: t('analytics.factors.uv') })}
                    label={t('analytics.trend')}
                  />
                </Col>
              </Row>
            </>
          ) : (
            <div style={{ height: 320 }} />
          )}
        </Spin>
      </Card>
    </Space>
  );
}
