import { Alert, DatePicker, Divider, Form, Input, type FormRule, type InputProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { parseYuan } from '../../shared/money';

/** An amount typed in yuan; the request carries it as fen. */
export function AmountInput({ testId, ...props }: InputProps & { testId: string }) {
  return <Input data-testid={testId} prefix="¥" addonAfter="元" inputMode="decimal" placeholder="0.00" {...props} />;
}

/** Rules for a required yuan amount, optionally no lower than another amount field. */
export function useAmountRules() {
  const { t } = useTranslation();
  return (compare?: { atLeast: string; message: string }): FormRule[] => [
    { required: true, whitespace: true, message: t('productForm.amountRequired') },
    {
      validator: (_, v?: string) =>
        !v?.trim() || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('productForm.amountRule'))),
    },
    ...(compare
      ? [
          ({ getFieldValue }: { getFieldValue(name: string): unknown }) => ({
            validator: (_: unknown, v?: string) => {
              const low = parseYuan(String(getFieldValue(compare.atLeast) ?? ''));
              const high = parseYuan(v ?? '');
              return low !== null && high !== null && BigInt(high) < BigInt(low)
                ? Promise.reject(new Error(compare.message))
                : Promise.resolve();
            },
          }),
        ]
      : []),
  ];
}

/** When the product may be bought, in China time. */
export function SalesWindowField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="saleWindow"
      label={t('productForm.salesWindow')}
      extra={t('productForm.salesWindowExtra')}
      rules={[
        { required: true, message: t('productForm.salesWindowRequired') },
        {
          validator: (_, v?: [Dayjs, Dayjs] | null) =>
            !v || v[1].isAfter(v[0]) ? Promise.resolve() : Promise.reject(new Error(t('productForm.salesWindowOrder'))),
        },
      ]}
    >
      <DatePicker.RangePicker
        data-testid="product-sales-window"
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        placeholder={[t('productForm.saleStarts'), t('productForm.saleEnds')]}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );
}

/** The four texts every product page and contract shows, plus the contract link. */
export function DisclosureFields() {
  const { t } = useTranslation();
  const text = (min: number, max: number, required: string) => [
    { required: true, whitespace: true, message: required },
    { min, max, message: t('productForm.lengthRule', { min, max }) },
  ];
  return (
    <>
      <Divider orientation="left" orientationMargin={0}>
        {t('productForm.disclosures')}
      </Divider>
      <Alert
        data-testid="product-promise-hint"
        type="warning"
        showIcon
        message={t('productForm.promiseHint')}
        style={{ marginBottom: 16 }}
      />
      <Form.Item name="underlyingAssets" label={t('products.underlyingAssets')} rules={text(2, 2000, t('productForm.underlyingRequired'))}>
        <Input.TextArea
          data-testid="product-underlying"
          rows={3}
          maxLength={2000}
          showCount
          placeholder={t('productForm.underlyingPlaceholder')}
        />
      </Form.Item>
      <Form.Item
        name="custodian"
        label={t('products.custodian')}
        extra={t('productForm.custodianExtra')}
        rules={text(2, 200, t('productForm.custodianRequired'))}
      >
        <Input data-testid="product-custodian" maxLength={200} />
      </Form.Item>
      <Form.Item name="fees" label={t('products.fees')} rules={text(2, 1000, t('productForm.feesRequired'))}>
        <Input.TextArea data-testid="product-fees" rows={2} maxLength={1000} showCount placeholder={t('productForm.feesPlaceholder')} />
      </Form.Item>
      <Form.Item name="riskWarning" label={t('products.riskWarning')} rules={text(10, 4000, t('productForm.riskWarningRequired'))}>
        <Input.TextArea data-testid="product-risk-warning" rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item
        name="contractUrl"
        label={t('products.contractUrl')}
        rules={[{ max: 500, message: t('productForm.lengthRule', { min: 0, max: 500 }) }]}
      >
        <Input data-testid="product-contract-url" maxLength={500} placeholder={t('productForm.contractUrlPlaceholder')} />
      </Form.Item>
    </>
  );
}
