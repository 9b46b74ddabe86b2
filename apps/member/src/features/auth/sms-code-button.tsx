import type { SmsPurpose } from '@quanzi/contracts';
import { phoneValid } from '@quanzi/contracts';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { useCountdown } from '../../shared/use-countdown';

/**
 * 获取验证码 with a countdown taken from the server's cooldown. `request` replaces the public send
 * (e.g. 找回支付密码 sends to the signed-in member's own phone, so no phone is typed).
 */
export function SmsCodeButton({
  phone = '',
  purpose,
  request,
}: {
  phone?: string;
  purpose?: SmsPurpose;
  request?: () => Promise<{ cooldownSeconds: number }>;
}) {
  const { t } = useTranslation();
  const [left, start] = useCountdown();
  const send = async () => {
    if (!request && !phoneValid(phone)) {
      Toast.show({ content: t('auth.phoneInvalid') });
      return;
    }
    try {
      const res = request ? await request() : await api<{ cooldownSeconds: number }>('POST', '/auth/sms-codes', { phone, purpose });
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
