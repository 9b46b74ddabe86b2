import { normalizeCardNumber, paymentPasswordStrong } from '@quanzi/contracts';
import { Button, Form, Input, Result, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';
import { PinStep } from './pin-step';
import { codeRules } from '../../shared/rules';
import { SmsCodeButton } from '../auth/sms-code-button';

interface Answers {
  code: string;
  name: string;
  idNumber: string;
  cardNumber?: string;
}

/**
 * 找回支付密码: a code to the registered phone, the real name and ID number again, one bound card's
 * full number; then the new 6-digit PIN twice. The server checks everything when the PIN is sent.
 */
export function PaymentPasswordResetPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, refresh } = useMe();
  const [answers, setAnswers] = useState<Answers>();
  const [step, setStep] = useState<'new' | 'repeat' | 'done'>('new');
  const [first, setFirst] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  if (!me) return null;

  if (!me.realName) {
    return (
      <Page title={t('security.resetPin')}>
        <Result
          status="warning"
          title={t('security.resetNeedsRealName')}
          description={
            <Button color="primary" onClick={() => navigate('/me/real-name')}>
              {t('cards.goRealName')}
            </Button>
          }
        />
      </Page>
    );
  }

  if (step === 'done') {
    return (
      <Page title={t('security.resetPin')}>
        <Result
          status="success"
          title={t('security.resetPinDone')}
          description={<a onClick={() => navigate('/me/security')}>{t('common.back')}</a>}
        />
      </Page>
    );
  }

  if (!answers) {
    return (
      <Page title={t('security.resetPin')}>
        <div className="page-body">
          <p className="muted">{t('security.resetPinIntro', { phone: me.phoneMasked })}</p>
        </div>
        <Form
          layout="horizontal"
          onFinish={(v: Answers) => setAnswers(v)}
          footer={
            <Button block type="submit" color="primary" size="large">
              {t('security.next')}
            </Button>
          }
        >
          <Form.Item
            name="code"
            label={t('auth.code')}
            extra={<SmsCodeButton request={() => api('POST', '/me/payment-password/reset/sms-code')} />}
            rules={codeRules()}
          >
            <Input placeholder={t('auth.codePlaceholder')} type="tel" maxLength={6} />
          </Form.Item>
          <div className="hint">{t('auth.sandboxHint')}</div>
          <Form.Item name="name" label={t('security.resetName')} rules={[{ required: true, message: t('security.resetNameRequired') }]}>
            <Input placeholder={t('security.resetNamePlaceholder')} clearable />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('security.resetIdNumber')}
            rules={[{ required: true, message: t('security.resetIdRequired') }]}
          >
            <Input placeholder={t('security.resetIdPlaceholder')} maxLength={18} clearable />
          </Form.Item>
          {me.bankCards.length > 0 && (
            <Form.Item
              name="cardNumber"
              label={t('security.resetCard')}
              help={t('security.resetCardHelp', { cards: me.bankCards.map((c) => `${c.bankName} ${c.cardMasked.slice(-4)}`).join('、') })}
              rules={[{ required: true, message: t('security.resetCardRequired') }]}
            >
              <Input placeholder={t('security.resetCardPlaceholder')} type="tel" maxLength={23} clearable />
            </Form.Item>
          )}
        </Form>
      </Page>
    );
  }

  const onFill = async (pin: string) => {
    setError(undefined);
    setValue('');
    if (step === 'new') {
      if (!paymentPasswordStrong(pin)) {
        setError(t('security.pinWeak'));
        return;
      }
      setFirst(pin);
      setStep('repeat');
      return;
    }
    if (pin !== first) {
      setError(t('security.pinMismatch'));
      setStep('new');
      return;
    }
    try {
      await api('POST', '/me/payment-password/reset', {
        code: answers.code,
        name: answers.name.trim(),
        idNumber: answers.idNumber.trim(),
        ...(answers.cardNumber ? { cardNumber: normalizeCardNumber(answers.cardNumber) } : {}),
        paymentPassword: pin,
      });
      await refresh();
      setStep('done');
      Toast.show({ icon: 'success', content: t('security.resetPinDone') });
    } catch (err) {
      // Any wrong answer spends the code: back to the questions for a new one.
      Toast.show({ content: errorMessage(err) });
      setAnswers(undefined);
      setStep('new');
    }
  };

  return (
    <Page title={t('security.resetPin')}>
      <PinStep step={step} value={value} onChange={setValue} onFill={onFill} error={error} />
    </Page>
  );
}
