import type { Channels } from '@quanzi/contracts';
import { Button, Card, DatePicker, Form, Input, InputNumber, Space, Spin, Table, Tag, Tooltip, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { channelsCsv, downloadCsv, pct, quadrantOption, yuan } from './analytics-model';
import { EChart } from './echart';

type Item = Channels['items'][number];
const QUADRANT_COLOR: Record<Item['quadrant'], string> = { grow: 'green', fix_quality: 'gold', test: 'blue', cut: 'red' };

/** 渠道分析: per-channel funnel figures, CAC/ROI, vanity warnings, the four-quadrant budget view and cost entry. */
export function AnalyticsChannelsPage() {
  const { t } = useTranslation();
  const [volume, setVolume] = useState<number | null>(null);
  const [quality, setQuality] = useState<number | null>(null);
  const { data, error, loading, reload } = useLoad(
    () =>
      api<Channels>(
        'GET',
        `/analytics/channels?${volume !== null ? `volumeThreshold=${volume}&` : ''}${quality !== null ? `qualityThreshold=${quality / 100}` : ''}`,
      ),
    [volume, quality],
  );
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const quadrantNames = {
    grow: t('analytics.quadrants.grow'),
    fix_quality: t('analytics.quadrants.fix_quality'),
    test: t('analytics.quadrants.test'),
    cut: t('analytics.quadrants.cut'),
  };
  const saveCost = async (v: { channel: string; period: [{ format(f: string): string }, { format(f: string): string }]; yuan: number }) => {
    setSaving(true);
    try {
      await api('PUT', '/analytics/channel-costs', {
        channel: v.channel,
        from: v.period[0].format('YYYY-MM-DD'),
        to: v.period[1].format('YYYY-MM-DD'),
        amount: String(Math.round(v.yuan * 100)),
      });
      void message.success(t('analytics.costSaved'));
      form.resetFields();
      await reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={4}>{t('analytics.channelsTitle')}</Typography.Title>
      <LoadError error={error} onRetry={() => void reload()} />
      <Card
        title={t('analytics.quadrantTitle')}
        extra={
          <Space wrap>
            <span>{t('analytics.volumeThreshold')}</span>
            <InputNumber min={0} value={volume ?? data?.volumeThreshold} onChange={(v) => setVolume(v)} />
            <span>{t('analytics.qualityThreshold')}</span>
            <InputNumber
              min={0}
              max={100}
              addonAfter="%"
              value={quality ?? (data ? Math.round(data.qualityThreshold * 1000) / 10 : undefined)}
              onChange={(v) => setQuality(v)}
            />
            <Button disabled={!data} onClick={() => data && downloadCsv('channels', channelsCsv(data))}>
              {t('analytics.exportCsv')}
            </Button>
          </Space>
        }
      >
        <Spin spinning={loading}>
          {data ? (
            <EChart option={quadrantOption(data, quadrantNames)} label={t('analytics.quadrantTitle')} height={360} />
          ) : (
            <div style={{ height: 360 }} />
          )}
          <Typography.Paragraph type="secondary">{t('analytics.quadrantNote')}</Typography.Paragraph>
        </Spin>
      </Card>
      <Card title={t('analytics.channelTable')}>
        <Table<Item>
          rowKey="channel"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={{ pageSize: 20 }}
          scroll={{ x: 1100 }}
          columns={[
            {
              title: t('analytics.channel'),
              dataIndex: 'channel',
              render: (c: string, r) => (
                <Space>
                  {t(`channels.${c}`, { defaultValue: c })}
                  {r.vanity && (
                    <Tooltip title={r.vanityReason}>
                      <Tag color="red">{t('analytics.vanity')}</Tag>
                    </Tooltip>
                  )}
                </Space>
              ),
            },
            { title: 'UV', dataIndex: 'uv' },
            { title: t('analytics.steps.registered'), dataIndex: 'registrations' },
            { title: t('analytics.steps.real_name_verified'), dataIndex: 'realNames' },
            { title: t('analytics.steps.invested'), dataIndex: 'firstInvestments' },
            { title: t('analytics.conversion'), dataIndex: 'conversion', render: (v: number) => pct(v) },
            { title: t('analytics.amount'), dataIndex: 'amount', render: (v: string) => `¥${yuan(Number(v))}` },
            { title: t('analytics.cost'), dataIndex: 'cost', render: (v: string) => `¥${yuan(Number(v))}` },
            { title: 'CAC', dataIndex: 'cac', render: (v: string | null) => (v === null ? '—' : `¥${yuan(Number(v))}`) },
            { title: 'ROI', dataIndex: 'roi', render: (v: number | null) => (v === null ? '—' : pct(v)) },
            { title: t('analytics.retention30'), dataIndex: 'retention30', render: (v: number | null) => (v === null ? '—' : pct(v)) },
            {
              title: t('analytics.quadrant'),
              dataIndex: 'quadrant',
              render: (q: Item['quadrant']) => <Tag color={QUADRANT_COLOR[q]}>{quadrantNames[q]}</Tag>,
            },
          ]}
        />
      </Card>
      <Card title={t('analytics.enterCost')}>
        <Form form={form} layout="inline" onFinish={(v) => void saveCost(v)}>
          <Form.Item name="channel" label={t('analytics.channel')} rules={[{ required: true, message: t('analytics.required') }]}>
            <Input maxLength={40} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="period" label={t('analytics.period')} rules={[{ required: true, message: t('analytics.required') }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item name="yuan" label={t('analytics.costYuan')} rules={[{ required: true, message: t('analytics.required') }]}>
            <InputNumber min={0} precision={2} style={{ width: 140 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('analytics.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
