import { paymentPasswordStrong } from '@quanzi/contracts';
import { Result, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';
import { PinStep } from './pin-step';

type Step = 'current' | 'new' | 'repeat' | 'done';

/** Set: new twice. Change: current, then new twice. Weak codes (123456, 111111) are refused before sending. */
export function PaymentPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, refresh } = useMe();
  const [step, setStep] = useState<Step>(me?.hasPaymentPassword ? 'current' : 'new');
  const [current, setCurrent] = useState('');
  const [first, setFirst] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();

  const onFill = async (pin: string) => {
    setError(undefined);
    setValue('');
    if (step === 'current') {
      setCurrent(pin);
      setStep('new');
    } else if (step === 'new') {
      if (!paymentPasswordStrong(pin)) {
        setError(t('security.pinWeak'));
        return;
      }
      setFirst(pin);
      setStep('repeat');
    } else if (step === 'repeat') {
      if (pin !== first) {
        setError(t('security.pinMismatch'));
        setStep('new');
        return;
      }
      try {
        await api('PUT', '/me/payment-password', { paymentPassword: pin, ...(current ? { currentPaymentPassword: current } : {}) });
        await refresh();
        setStep('done');
        Toast.show({ icon: 'success', content: t('security.pinSaved') });
      } catch (err) {
        setError(errorMessage(err));
        setCurrent('');
        setStep(me?.hasPaymentPassword ? 'current' : 'new');
      }
    }
  };

  if (step === 'done') {
    return (
      <Page title={t('security.paymentPassword')}>
        <Result
          status="success"
          title={t('security.pinSaved')}
          description={<a onClick={() => navigate('/me/security')}>{t('common.back')}</a>}
        />
      </Page>
    );
  }
  return (
    <Page title={t('security.paymentPassword')}>
      <PinStep step={step} value={value} onChange={setValue} onFill={onFill} error={error} />
    </Page>
  );
}
