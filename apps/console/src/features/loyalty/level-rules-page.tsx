import type { LevelRule } from '@quanzi/contracts';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Spin, Switch, Table, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { loyaltyApi } from './loyalty-api';

/** 等级规则: the level ladder (names, growth thresholds, privileges) edited as a whole and saved at once (audited). */
export function LevelRulesPage() {
  const { t } = useTranslation();
  const loaded = useLoad(() => loyaltyApi.rules(), []);
  const [form] = Form.useForm<{ rules: LevelRule[] }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const count = Form.useWatch('rules', form)?.length ?? 0;

  useEffect(() => {
    if (loaded.data) form.setFieldsValue({ rules: loaded.data.rules });
  }, [loaded.data, form]);

  const save = async (values: { rules: LevelRule[] }) => {
    setSaving(true);
    setError(undefined);
    try {
      const rules = values.rules.map((r, i) => ({ ...r, level: i }));
      const saved = await loyaltyApi.saveRules(rules);
      form.setFieldsValue({ rules: saved.rules });
      void message.success(t('loyalty.rules.saved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('loyalty.rules.required') }];
  return (
    <Card title={t('menu.levelRules')}>
      <Alert type="info" showIcon message={t('loyalty.rules.note')} description={t('loyalty.rules.formula')} style={{ marginBottom: 16 }} />
      <LoadError error={loaded.error} onRetry={loaded.reload} />
      {loaded.loading && !loaded.data ? (
        <Spin />
      ) : (
        <Form form={form} onFinish={save} disabled={saving} onValuesChange={() => setError(undefined)}>
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={fields}
                  columns={[
                    { title: t('loyalty.rules.level'), render: (_, f) => `V${f.name}`, width: 70 },
                    {
                      title: t('loyalty.rules.nameZh'),
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'nameZh']} rules={required} noStyle>
                          <Input maxLength={20} data-testid={`rule-name-${f.name}`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('loyalty.rules.nameEn'),
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'nameEn']} rules={required} noStyle>
                          <Input maxLength={40} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('loyalty.rules.minGrowth'),
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'minGrowth']} rules={required} noStyle>
                          <InputNumber min={0} precision={0} disabled={f.name === 0} data-testid={`rule-growth-${f.name}`} />
                        </Form.Item>
                      ),
                    },
                    ...(['withdrawalFeeWaiver', 'exclusiveProducts', 'liveSeats'] as const).map((p) => ({
                      title: t(`loyalty.rules.${p}`),
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item name={[f.name, 'privileges', p]} valuePropName="checked" noStyle>
                          <Switch size="small" />
                        </Form.Item>
                      ),
                    })),
                    {
                      title: t('loyalty.rules.lotteryWeight'),
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'privileges', 'lotteryWeight']} rules={required} noStyle>
                          <InputNumber min={100} max={1000} precision={0} />
                        </Form.Item>
                      ),
                    },
                  ]}
                />
                <Space style={{ marginTop: 16 }}>
                  <Button
                    onClick={() => {
                      const rules: LevelRule[] = form.getFieldValue('rules') ?? [];
                      const last = rules[rules.length - 1];
                      add({
                        level: rules.length,
                        nameZh: `V${rules.length}`,
                        nameEn: `V${rules.length}`,
                        minGrowth: (last?.minGrowth ?? 0) + 1000,
                        privileges: {
                          withdrawalFeeWaiver: false,
                          exclusiveProducts: false,
                          liveSeats: false,
                          lotteryWeight: 100,
                          ...last?.privileges,
                        },
                      });
                    }}
                    disabled={count >= 21}
                  >
                    {t('loyalty.rules.add')}
                  </Button>
                  <Button danger onClick={() => remove(fields.length - 1)} disabled={count <= 1} data-testid="rules-remove">
                    {t('loyalty.rules.removeLast')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={saving} data-testid="rules-save">
                    {t('loyalty.rules.save')}
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      )}
      {error && <Alert data-testid="rules-error" type="error" showIcon message={error} style={{ marginTop: 16 }} />}
    </Card>
  );
}
