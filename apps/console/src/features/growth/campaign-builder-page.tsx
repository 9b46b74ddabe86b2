import { Alert, Button, Card, DatePicker, Divider, Form, Input, InputNumber, Radio, Select, Space, message } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { formatMoney } from '../../shared/money';
import { toDefinition, type BuilderForm } from './definition';
import { ConditionList, EffectList, useYuanRule } from './effect-fields';
import { TRIGGERS, type CampaignPreviewT, type CampaignT } from './types';

/** 活动搭建: trigger → conditions → rewards (flat or tiers by amount), budgets and limits, a dry run, then create. */
export function CampaignBuilderPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<BuilderForm>();
  const yuan = useYuanRule();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<CampaignPreviewT>();
  const mode = Form.useWatch('mode', form);

  const run = async (kind: 'preview' | 'create') => {
    let values: BuilderForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const body = toDefinition(values);
      if (kind === 'preview') setPreview(await api<CampaignPreviewT>('POST', '/campaigns/preview', body));
      else {
        const created = await api<CampaignT>('POST', '/campaigns', body);
        void message.success(t('growth.builder.created'));
        navigate(`/growth/campaigns/${created.id}`);
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('growth.builder.title')} extra={<Link to="/growth/campaigns">{t('growth.back')}</Link>}>
      <Form<BuilderForm>
        form={form}
        layout="vertical"
        disabled={busy}
        onValuesChange={() => {
          setError(undefined);
          setPreview(undefined);
        }}
        initialValues={{ trigger: 'investment', mode: 'flat', window: [dayjs(), dayjs().add(30, 'day')], effects: [{ kind: 'points' }] }}
        style={{ maxWidth: 1000 }}
      >
        <Divider orientation="left">{t('growth.builder.basics')}</Divider>
        <Space wrap>
          <Form.Item
            name="name"
            label={t('growth.name')}
            rules={[{ required: true, whitespace: true, message: t('growth.builder.required') }]}
          >
            <Input data-testid="campaign-name" maxLength={60} style={{ width: 280 }} />
          </Form.Item>
          <Form.Item name="trigger" label={t('growth.trigger')} rules={[{ required: true }]}>
            <Select
              data-testid="campaign-trigger"
              style={{ width: 180 }}
              options={TRIGGERS.map((v) => ({ value: v, label: t(`growth.triggers.${v}`) }))}
            />
          </Form.Item>
          <Form.Item name="window" label={t('growth.window')} rules={[{ required: true, message: t('growth.builder.required') }]}>
            <DatePicker.RangePicker showTime />
          </Form.Item>
        </Space>
        <Divider orientation="left">{t('growth.builder.budgetSection')}</Divider>
        <Alert type="info" showIcon message={t('growth.builder.budgetHint')} style={{ marginBottom: 16 }} />
        <Space wrap>
          <Form.Item name="totalMoney" label={t('growth.builder.totalMoney')} rules={[yuan]}>
            <Input data-testid="campaign-total-money" prefix="¥" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="totalCount" label={t('growth.builder.totalCount')}>
            <InputNumber data-testid="campaign-total-count" min={1} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="dailyMoney" label={t('growth.builder.dailyMoney')} rules={[yuan]}>
            <Input prefix="¥" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="dailyCount" label={t('growth.builder.dailyCount')}>
            <InputNumber min={1} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="perMemberLimit" label={t('growth.builder.perMemberLimit')}>
            <InputNumber min={1} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Divider orientation="left">{t('growth.builder.conditions')}</Divider>
        <ConditionList />
        <Divider orientation="left">{t('growth.builder.rewards')}</Divider>
        <Form.Item name="mode" label={t('growth.builder.mode')}>
          <Radio.Group
            options={[
              { value: 'flat', label: t('growth.builder.flat') },
              { value: 'tiers', label: t('growth.builder.tiers') },
            ]}
          />
        </Form.Item>
        {mode === 'tiers' ? (
          <Form.List name="tiers">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={
                      <Form.Item
                        name={[field.name, 'minAmount']}
                        label={t('growth.builder.tierMin')}
                        rules={[{ required: true }, yuan]}
                        style={{ margin: 0 }}
                      >
                        <Input prefix="¥" style={{ width: 160 }} />
                      </Form.Item>
                    }
                    extra={
                      <Button danger type="link" onClick={() => remove(field.name)}>
                        {t('growth.builder.remove')}
                      </Button>
                    }
                  >
                    <EffectList name={[field.name, 'effects']} testId={`tier-${field.name}`} />
                  </Card>
                ))}
                <Button type="dashed" onClick={() => add({ effects: [{ kind: 'points' }] })}>
                  {t('growth.builder.addTier')}
                </Button>
              </Space>
            )}
          </Form.List>
        ) : (
          <EffectList name={['effects']} testId="effect" />
        )}
        <Divider />
        {error && <Alert data-testid="campaign-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        {preview && (
          <Alert
            data-testid="campaign-preview"
            type="success"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('growth.builder.previewResult', {
              events: preview.events,
              matched: preview.matched,
              count: preview.wouldGrant,
              cost: formatMoney(preview.wouldCost),
              budget: preview.stoppedByBudget,
              member: preview.stoppedByMemberLimit,
            })}
          />
        )}
        <Space>
          <Button data-testid="campaign-preview-button" onClick={() => void run('preview')} loading={busy}>
            {t('growth.builder.preview')}
          </Button>
          <Button data-testid="campaign-submit" type="primary" onClick={() => void run('create')} loading={busy}>
            {t('growth.builder.submit')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
