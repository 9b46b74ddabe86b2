import { Col, Divider, Form, Input, InputNumber, Radio, Row, Select, Switch, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { percentToBps } from '../../shared/rates';
import { AmountInput, DisclosureFields, SalesWindowField, useAmountRules } from './product-form-parts';
import { IssuerField } from './issuer-field';
import type { DrawerValues } from './new-product-drawer';

const RISK_LEVELS = [1, 2, 3, 4, 5] as const;

/** Every field of `CreateProductRequest`; term days only for 定期, T+0 limit and 体验金 only for 活期. */
export function ProductFormFields({ form }: { form: FormInstance<DrawerValues> }) {
  const { t } = useTranslation();
  const type = Form.useWatch('type', form);
  const risk = Form.useWatch('riskLevel', form);
  const benchmark = Form.useWatch('benchmark', form);
  const bps = typeof benchmark === 'string' ? percentToBps(benchmark) : null;
  const fixed = type === 'fixed';
  const amountRules = useAmountRules();

  return (
    <>
      <Divider orientation="left" orientationMargin={0}>
        {t('productForm.basics')}
      </Divider>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="code"
            label={t('products.code')}
            normalize={(v?: string) => v?.toUpperCase()}
            rules={[
              { required: true, message: t('productForm.codeRequired') },
              { pattern: /^[A-Z0-9-]{3,24}$/, message: t('productForm.codeRule') },
            ]}
          >
            <Input data-testid="product-code" placeholder="QZ-CASH-B" maxLength={24} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="name"
            label={t('products.name')}
            rules={[
              { required: true, whitespace: true, message: t('productForm.nameRequired') },
              { min: 2, max: 40, message: t('productForm.nameRule') },
            ]}
          >
            <Input data-testid="product-name" maxLength={40} showCount />
          </Form.Item>
        </Col>
        <Col span={12}>
          <IssuerField form={form} />
        </Col>
        <Col span={12}>
          <Form.Item name="type" label={t('products.type')} rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="product-type">
              <Radio.Button value="demand" data-testid="product-type-demand">
                {t('investing.type.demand')}
              </Radio.Button>
              <Radio.Button value="fixed" data-testid="product-type-fixed">
                {t('investing.type.fixed')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="riskLevel"
            label={t('products.risk')}
            rules={[{ required: true, message: t('productForm.riskRequired') }]}
            extra={risk ? t(`investing.riskHint.R${risk}`) : t('productForm.riskExtra')}
          >
            <Select
              data-testid="product-risk"
              placeholder={t('productForm.riskPlaceholder')}
              options={RISK_LEVELS.map((n) => ({ value: n, label: `R${n} ${t(`investing.risk.R${n}`)}` }))}
              optionRender={(o) => (
                <div style={{ whiteSpace: 'normal', lineHeight: 1.4, padding: '2px 0' }}>
                  <div>{o.label}</div>
                  <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>{t(`investing.riskHint.R${o.value}`)}</div>
                </div>
              )}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="benchmark"
            label={t('investing.benchmark')}
            extra={bps !== null ? t('productForm.benchmarkBps', { bps }) : t('productForm.benchmarkExtra')}
            rules={[
              { required: true, message: t('productForm.benchmarkRequired') },
              {
                validator: (_, v?: string) => {
                  const n = v ? percentToBps(v) : 0;
                  return n !== null && n <= 5000 ? Promise.resolve() : Promise.reject(new Error(t('productForm.benchmarkRule')));
                },
              },
            ]}
          >
            <Input data-testid="product-benchmark" placeholder="3.20" addonAfter="%" inputMode="decimal" />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>
        {t('productForm.termsAndLimits')}
      </Divider>
      <Row gutter={16}>
        {fixed && (
          <>
            <Col span={12}>
              <Form.Item
                name="termMinDays"
                label={t('productForm.termMinDays')}
                rules={[{ required: true, message: t('productForm.termRequired') }]}
              >
                <InputNumber
                  data-testid="product-term-min"
                  min={1}
                  max={3650}
                  precision={0}
                  addonAfter={t('productForm.daysUnit')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="termMaxDays"
                label={t('productForm.termMaxDays')}
                dependencies={['termMinDays']}
                rules={[
                  { required: true, message: t('productForm.termRequired') },
                  ({ getFieldValue }) => ({
                    validator: (_, v?: number) =>
                      v == null || getFieldValue('termMinDays') == null || v >= getFieldValue('termMinDays')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('productForm.termOrder'))),
                  }),
                ]}
              >
                <InputNumber
                  data-testid="product-term-max"
                  min={1}
                  max={3650}
                  precision={0}
                  addonAfter={t('productForm.daysUnit')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={8}>
          <Form.Item name="minAmount" label={t('products.minAmount')} rules={amountRules()}>
            <AmountInput testId="product-min-amount" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="maxPerPerson"
            label={t('products.maxPerPerson')}
            dependencies={['minAmount']}
            rules={amountRules({ atLeast: 'minAmount', message: t('productForm.perPersonBelowMin') })}
          >
            <AmountInput testId="product-max-per-person" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="totalQuota"
            label={t('products.totalQuota')}
            dependencies={['maxPerPerson']}
            rules={amountRules({ atLeast: 'maxPerPerson', message: t('productForm.quotaBelowPerPerson') })}
          >
            <AmountInput testId="product-total-quota" />
          </Form.Item>
        </Col>
        {!fixed && (
          <>
            <Col span={12}>
              <Form.Item name="t0DailyLimit" label={t('products.t0DailyLimit')} extra={t('productForm.t0Extra')} rules={amountRules()}>
                <AmountInput testId="product-t0-limit" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="experienceAllowed"
                label={t('products.experienceAllowed')}
                valuePropName="checked"
                extra={t('productForm.experienceExtra')}
              >
                <Switch data-testid="product-experience" />
              </Form.Item>
            </Col>
          </>
        )}
        <Col span={12}>
          <Form.Item name="newbieOnly" label={t('products.newbieOnly')} valuePropName="checked" extra={t('productForm.newbieOnlyExtra')}>
            <Switch data-testid="product-newbie-only" />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>
        {t('productForm.salesAndContract')}
      </Divider>
      <Row gutter={16}>
        <Col span={16}>
          <SalesWindowField />
        </Col>
        <Col span={8}>
          <Form.Item
            name="contractVersion"
            label={t('products.contractVersion')}
            rules={[
              { required: true, whitespace: true, message: t('productForm.contractVersionRequired') },
              { max: 32, message: t('productForm.contractVersionRule') },
            ]}
          >
            <Input data-testid="product-contract-version" placeholder="2026-11" maxLength={32} />
          </Form.Item>
        </Col>
      </Row>

      <DisclosureFields />
    </>
  );
}
