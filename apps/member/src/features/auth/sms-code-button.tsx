import type { SmsPurpose } from '@quanzi/contracts';
import { phoneValid } from '@quanzi/contracts';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { useCountdown } from '../../shared/use-countdown';

/** 获取验证码 with a countdown taken from the server's cooldown. */
export function SmsCodeButton({ phone, purpose }: { phone: string; purpose: SmsPurpose }) {
  const { t } = useTranslation();
  const [left, start] = useCountdown();
  const send = async () => {
    if (!phoneValid(phone)) {
      Toast.show({ content: t('auth.phoneInvalid') });
      return;
    }
    try {
      const res = await api<{ cooldownSeconds: number }>('POST', '/auth/sms-codes', { phone, purpose });
      start(res.cooldownSeconds);
      Toast.show({ icon: 'success', content: t('auth.codeSent') });
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
  };
  return (
    <Button size="small" color="primary" fill="none" disabled={left > 0} onClick={send}>
      {left > 0 ? t('auth.resendIn', { seconds: left }) : t('auth.getCode')}
    </Button>
  );
}
