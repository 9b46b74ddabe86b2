import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import type { FormListFieldData } from 'antd';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../shared/money';
import { CONDITION_KINDS, EFFECT_KINDS } from './types';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function useYuanRule() {
  const { t } = useTranslation();
  return {
    validator: (_: unknown, v?: string) =>
      !v?.trim() || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('growth.builder.yuanRule'))),
  };
}

const ProductTypes = () => {
  const { t } = useTranslation();
  return (
    <Select
      mode="multiple"
      style={{ minWidth: 160 }}
      options={(['demand', 'fixed'] as const).map((v) => ({ value: v, label: t(`growth.fields.${v}`) }))}
    />
  );
};

/** One list of rewards (flat, or inside a tier): each a kind and the fields that kind needs. */
export function EffectList({ name, testId }: { name: (string | number)[]; testId: string }) {
  const { t } = useTranslation();
  const yuan = useYuanRule();
  const required = { required: true, message: t('growth.builder.required') };
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((field: FormListFieldData) => (
            <Card size="small" key={field.key}>
              <Space wrap align="start">
                <Form.Item name={[field.name, 'kind']} rules={[required]} label={t('growth.builder.rewards')}>
                  <Select
                    data-testid={`${testId}-kind-${field.name}`}
                    style={{ width: 140 }}
                    options={EFFECT_KINDS.map((k) => ({ value: k, label: t(`growth.effectKinds.${k}`) }))}
                  />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {(form) => {
                    const kind = form.getFieldValue([...name, field.name, 'kind']) as string | undefined;
                    const at = (f: string) => [field.name, f];
                    switch (kind) {
                      case 'points':
                        return (
                          <>
                            <Form.Item name={at('points')} label={t('growth.fields.points')} rules={[required]}>
                              <InputNumber min={1} max={1_000_000} />
                            </Form.Item>
                            <Form.Item name={at('expiresInDays')} label={t('growth.fields.expiresInDays')}>
                              <InputNumber min={1} max={3650} />
                            </Form.Item>
                          </>
                        );
                      case 'red_packet':
                        return (
                          <Form.Item name={at('amount')} label={t('growth.fields.amountYuan')} rules={[required, yuan]}>
                            <Input data-testid={`${testId}-amount-${field.name}`} prefix="¥" style={{ width: 140 }} />
                          </Form.Item>
                        );
                      case 'experience':
                        return (
                          <>
                            <Form.Item name={at('amount')} label={t('growth.fields.amountYuan')} rules={[required, yuan]}>
                              <Input prefix="¥" style={{ width: 140 }} />
                            </Form.Item>
                            <Form.Item name={at('days')} label={t('growth.fields.days')} rules={[required]}>
                              <InputNumber min={1} max={365} />
                            </Form.Item>
                          </>
                        );
                      case 'coupon':
                        return (
                          <>
                            <Form.Item
                              name={at('couponType')}
                              label={t('growth.fields.couponType')}
                              rules={[required]}
                              initialValue="cash_back"
                            >
                              <Select
                                style={{ width: 120 }}
                                options={[
                                  { value: 'cash_back', label: t('growth.fields.cashBack') },
                                  { value: 'rate_boost', label: t('growth.fields.rateBoost') },
                                ]}
                              />
                            </Form.Item>
                            {form.getFieldValue([...name, field.name, 'couponType']) === 'rate_boost' ? (
                              <>
                                <Form.Item name={at('boostBps')} label={t('growth.fields.boostBps')} rules={[required]}>
                                  <InputNumber min={1} max={1000} />
                                </Form.Item>
                                <Form.Item name={at('days')} label={t('growth.fields.days')} rules={[required]}>
                                  <InputNumber min={1} max={365} />
                                </Form.Item>
                                <Form.Item name={at('maxCost')} label={t('growth.fields.maxCost')} rules={[required, yuan]}>
                                  <Input prefix="¥" style={{ width: 120 }} />
                                </Form.Item>
                              </>
                            ) : (
                              <>
                                <Form.Item name={at('threshold')} label={t('growth.fields.threshold')} rules={[required, yuan]}>
                                  <Input prefix="¥" style={{ width: 120 }} />
                                </Form.Item>
                                <Form.Item name={at('couponAmount')} label={t('growth.fields.couponAmount')} rules={[required, yuan]}>
                                  <Input prefix="¥" style={{ width: 120 }} />
                                </Form.Item>
                              </>
                            )}
                            <Form.Item name={at('validDays')} label={t('growth.fields.validDays')} rules={[required]} initialValue={30}>
                              <InputNumber min={1} max={365} />
                            </Form.Item>
                            <Form.Item name={at('productIds')} label={t('growth.fields.productIds')} extra={t('growth.builder.commaList')}>
                              <Input style={{ width: 280 }} />
                            </Form.Item>
                            <Form.Item name={at('productTypes')} label={t('growth.fields.productTypes')}>
                              <ProductTypes />
                            </Form.Item>
                          </>
                        );
                      case 'badge':
                        return (
                          <>
                            <Form.Item
                              name={at('code')}
                              label={t('growth.fields.code')}
                              rules={[required, { pattern: /^[a-z0-9_-]{2,32}$/ }]}
                            >
                              <Input style={{ width: 140 }} />
                            </Form.Item>
                            <Form.Item name={at('badgeName')} label={t('growth.fields.badgeName')} rules={[required]}>
                              <Input maxLength={32} style={{ width: 140 }} />
                            </Form.Item>
                          </>
                        );
                      case 'notification':
                        return (
                          <>
                            <Form.Item name={at('title')} label={t('growth.fields.title')} rules={[required]}>
                              <Input maxLength={60} style={{ width: 200 }} />
                            </Form.Item>
                            <Form.Item name={at('body')} label={t('growth.fields.body')} rules={[required]}>
                              <Input.TextArea maxLength={500} style={{ width: 320 }} />
                            </Form.Item>
                          </>
                        );
                      case 'lottery_chances':
                        return (
                          <>
                            <Form.Item name={at('wheelId')} label={t('growth.fields.wheelId')} rules={[required]}>
                              <Input style={{ width: 280 }} />
                            </Form.Item>
                            <Form.Item name={at('count')} label={t('growth.fields.count')} rules={[required]}>
                              <InputNumber min={1} max={100} />
                            </Form.Item>
                          </>
                        );
                      default:
                        return null;
                    }
                  }}
                </Form.Item>
                <Button danger type="link" onClick={() => remove(field.name)}>
                  {t('growth.builder.remove')}
                </Button>
              </Space>
            </Card>
          ))}
          <Button data-testid={`${testId}-add`} type="dashed" onClick={() => add({ kind: 'points' })}>
            {t('growth.builder.addEffect')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/** The conditions list: each a kind and its fields. */
export function ConditionList() {
  const { t } = useTranslation();
  const yuan = useYuanRule();
  const required = { required: true, message: t('growth.builder.required') };
  return (
    <Form.List name="conditions">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((field) => (
            <Space key={field.key} wrap align="start">
              <Form.Item name={[field.name, 'kind']} rules={[required]}>
                <Select
                  style={{ width: 160 }}
                  options={CONDITION_KINDS.map((k) => ({ value: k, label: t(`growth.conditionKinds.${k}`) }))}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {(form) => {
                  const kind = form.getFieldValue(['conditions', field.name, 'kind']) as string | undefined;
                  const at = (f: string) => [field.name, f];
                  switch (kind) {
                    case 'amount_min':
                    case 'amount_max':
                      return (
                        <Form.Item name={at('amount')} rules={[required, yuan]}>
                          <Input prefix="¥" placeholder={t('growth.fields.amountYuan')} style={{ width: 160 }} />
                        </Form.Item>
                      );
                    case 'product':
                      return (
                        <>
                          <Form.Item name={at('productIds')} extra={t('growth.builder.commaList')}>
                            <Input placeholder={t('growth.fields.productIds')} style={{ width: 280 }} />
                          </Form.Item>
                          <Form.Item name={at('productTypes')}>
                            <ProductTypes />
                          </Form.Item>
                        </>
                      );
                    case 'member_level':
                    case 'suitability':
                      return (
                        <Form.Item name={at('level')} rules={[required]}>
                          <InputNumber
                            min={kind === 'suitability' ? 1 : 0}
                            max={kind === 'suitability' ? 5 : 100}
                            placeholder={kind === 'suitability' ? t('growth.fields.suitabilityLevel') : t('growth.fields.level')}
                            style={{ width: 200 }}
                          />
                        </Form.Item>
                      );
                    case 'registration_channel':
                      return (
                        <>
                          <Form.Item name={at('channels')}>
                            <Input placeholder={t('growth.fields.channels')} style={{ width: 200 }} />
                          </Form.Item>
                          <Form.Item name={at('utmSources')}>
                            <Input placeholder={t('growth.fields.utmSources')} style={{ width: 200 }} />
                          </Form.Item>
                        </>
                      );
                    case 'time_window':
                      return (
                        <>
                          <Form.Item name={at('from')} rules={[required, { pattern: HHMM }]}>
                            <Input placeholder={t('growth.fields.from')} style={{ width: 120 }} />
                          </Form.Item>
                          <Form.Item name={at('to')} rules={[required, { pattern: HHMM }]}>
                            <Input placeholder={t('growth.fields.to')} style={{ width: 120 }} />
                          </Form.Item>
                        </>
                      );
                    case 'group_member':
                      return (
                        <Form.Item name={at('groupId')} rules={[required]}>
                          <Input placeholder={t('growth.fields.groupId')} style={{ width: 280 }} />
                        </Form.Item>
                      );
                    default:
                      return null;
                  }
                }}
              </Form.Item>
              <Button danger type="link" onClick={() => remove(field.name)}>
                {t('growth.builder.remove')}
              </Button>
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ kind: 'amount_min' })}>
            {t('growth.builder.addCondition')}
          </Button>
        </Space>
      )}
    </Form.List>
  );
}
