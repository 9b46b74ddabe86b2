import type { BankBin, BankCard } from '@quanzi/contracts';
import { cardNumberValid, normalizeCardNumber } from '@quanzi/contracts';
import { Button, Form, Input, Result, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { FormFooter } from '../../shared/form-footer';
import { codeRules, phoneRules, rulesFor } from '../../shared/rules';
import { useSubmit } from '../../shared/use-submit';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';
import { SmsCodeButton } from '../auth/sms-code-button';

/** Groups of four, as printed on the card. */
const formatCard = (raw: string) =>
  normalizeCardNumber(raw)
    .replace(/\D/g, '')
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, '$1 ');

/** Looks the bank up as soon as six digits are typed. */
function useBin(cardNumber: string): { bin?: BankBin; unsupported: boolean } {
  const prefix = normalizeCardNumber(cardNumber).slice(0, 6);
  const [state, setState] = useState<{ bin?: BankBin; unsupported: boolean }>({ unsupported: false });
  useEffect(() => {
    if (prefix.length < 6) {
      setState({ unsupported: false });
      return;
    }
    let live = true;
    api<BankBin>('GET', `/bank-bins/${prefix}`).then(
      (bin) => live && setState({ bin, unsupported: false }),
      () => live && setState({ unsupported: true }),
    );
    return () => {
      live = false;
    };
  }, [prefix]);
  return state;
}

export function AddCardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, refresh } = useMe();
  const [form] = Form.useForm();
  const cardNumber: string = Form.useWatch('cardNumber', form) ?? '';
  const reservedPhone: string = Form.useWatch('reservedPhone', form) ?? '';
  const { bin, unsupported } = useBin(cardNumber);
  const { submit, submitting, error } = useSubmit(async (values: { cardNumber: string; reservedPhone: string; code: string }) => {
    await api<BankCard>('POST', '/me/bank-cards', { ...values, cardNumber: normalizeCardNumber(values.cardNumber) });
    await refresh();
    Toast.show({ icon: 'success', content: t('cards.bound') });
    navigate('/me/bank-cards', { replace: true });
  });
  if (!me) return null;

  if (!me.realName) {
    return (
      <Page title={t('cards.addTitle')}>
        <Result
          status="warning"
          title={t('cards.needRealName')}
          description={
            <Button color="primary" onClick={() => navigate('/me/real-name')}>
              {t('cards.goRealName')}
            </Button>
          }
        />
      </Page>
    );
  }

  return (
    <Page title={t('cards.addTitle')}>
      <div className="page-body">
        <p className="muted">{t('cards.holder', { name: me.realName.nameMasked })}</p>
      </div>
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        footer={<FormFooter label={t('cards.confirm')} submitting={submitting} error={error} />}
      >
        <Form.Item
          name="cardNumber"
          label={t('cards.number')}
          normalize={formatCard}
          description={bin ? `${bin.bankName} · ${t('cards.debit')}` : unsupported ? t('cards.unsupported') : undefined}
          rules={rulesFor('cards.numberRequired', 'cards.numberInvalid', cardNumberValid)}
        >
          <Input placeholder={t('cards.numberPlaceholder')} type="tel" clearable />
        </Form.Item>
        <Form.Item name="reservedPhone" label={t('cards.phone')} rules={phoneRules()}>
          <Input placeholder={t('cards.phonePlaceholder')} type="tel" maxLength={11} clearable />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('auth.code')}
          extra={<SmsCodeButton phone={reservedPhone} purpose="bind_card" />}
          rules={codeRules()}
        >
          <Input placeholder={t('auth.codePlaceholder')} type="tel" maxLength={6} />
        </Form.Item>
      </Form>
      <div className="hint">{t('cards.sandboxHint')}</div>
    </Page>
  );
}
