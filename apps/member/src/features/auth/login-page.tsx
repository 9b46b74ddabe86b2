import type { MemberProfile } from '@quanzi/contracts';
import { Form, Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { identifyMember } from '../../shared/analytics';
import { api, ApiError } from '../../shared/api';
import { reportDeviceFingerprint } from '../risk/device-fingerprint';
import { stepUpReasonKeys } from '../risk/step-up';
import { SmsCodeButton } from './sms-code-button';
import { deviceId } from '../../shared/client-context';
import { FormFooter } from '../../shared/form-footer';
import { useMe } from '../../shared/me-context';
import { phoneRules } from '../../shared/rules';
import { useSubmit } from '../../shared/use-submit';
import { AuthHeader } from './auth-header';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { setMe } = useMe();
  // A login from a new device or region is asked for an SMS code too (risk step-up); the member sees why.
  const [stepUp, setStepUp] = useState<string[] | null>(null);
  const [form] = Form.useForm<{ phone: string; password: string; smsCode?: string }>();
  const phone = Form.useWatch('phone', form) ?? '';
  const { submit, submitting, error } = useSubmit(async (values: { phone: string; password: string; smsCode?: string }) => {
    try {
      const res = await api<{ member: MemberProfile }>('POST', '/auth/login', { ...values, deviceId: deviceId() });
      setMe(res.member);
      identifyMember();
      void reportDeviceFingerprint();
      navigate(params.get('next') || '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'STEP_UP_REQUIRED') setStepUp(stepUpReasonKeys(err.details));
      throw err;
    }
  });

  return (
    <div>
      <AuthHeader subtitle={t('auth.loginTitle')} />
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        footer={
          <FormFooter label={t('auth.login')} submitting={submitting} error={error}>
            <p className="muted" style={{ textAlign: 'center' }}>
              {t('auth.noAccount')} <Link to="/register">{t('auth.goRegister')}</Link>
              <span style={{ margin: '0 8px' }}>·</span>
              <Link to="/forgot-password">{t('auth.forgotPassword')}</Link>
            </p>
          </FormFooter>
        }
      >
        <Form.Item name="phone" label={t('auth.phone')} rules={phoneRules()}>
          <Input placeholder={t('auth.phonePlaceholder')} type="tel" maxLength={11} clearable />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
          <Input placeholder={t('auth.loginPasswordPlaceholder')} type="password" clearable />
        </Form.Item>
        {stepUp ? (
          <>
            <Form.Header>{[...new Set(stepUp)].map((k) => t(k)).join('；') || t('risk.stepUp.other')}</Form.Header>
            <Form.Item
              name="smsCode"
              label={t('risk.stepUp.code')}
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('risk.stepUp.codeRequired') }]}
              extra={<SmsCodeButton phone={phone} purpose="login" />}
            >
              <Input placeholder={t('risk.stepUp.codePlaceholder')} maxLength={6} inputMode="numeric" data-testid="step-up-code" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </div>
  );
}
