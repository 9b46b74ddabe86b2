import type { MemberProfile } from '@quanzi/contracts';
import { AGREEMENT_VERSION, passwordStrong } from '@quanzi/contracts';
import { Checkbox, Form, Input, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { identifyMember } from '../../shared/analytics';
import { deviceId, landingParams } from '../../shared/client-context';
import { reportDeviceFingerprint } from '../risk/device-fingerprint';
import { FormFooter } from '../../shared/form-footer';
import { useMe } from '../../shared/me-context';
import { codeRules, phoneRules, rulesFor } from '../../shared/rules';
import { useSubmit } from '../../shared/use-submit';
import { AuthHeader } from './auth-header';
import { SmsCodeButton } from './sms-code-button';

interface Values {
  phone: string;
  code: string;
  password: string;
  agreed: boolean;
}

export function RegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { setMe } = useMe();
  const [form] = Form.useForm<Values>();
  const phone = Form.useWatch('phone', form) ?? '';
  const { submit, submitting, error } = useSubmit(async ({ phone, code, password }: Values) => {
    const res = await api<{ member: MemberProfile }>('POST', '/auth/register', {
      phone,
      code,
      password,
      agreementVersion: AGREEMENT_VERSION,
      deviceId: deviceId(),
      ...landingParams(),
    });
    setMe(res.member);
    identifyMember();
    void reportDeviceFingerprint();
    Toast.show({ icon: 'success', content: t('auth.welcome') });
    navigate('/', { replace: true });
  });

  return (
    <div>
      <AuthHeader subtitle={t('auth.registerTitle')} />
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        initialValues={{ agreed: false }}
        footer={
          <FormFooter label={t('auth.register')} submitting={submitting} error={error}>
            <p className="muted" style={{ textAlign: 'center' }}>
              {t('auth.haveAccount')} <Link to="/login">{t('auth.goLogin')}</Link>
            </p>
          </FormFooter>
        }
      >
        <Form.Item name="phone" label={t('auth.phone')} rules={phoneRules()}>
          <Input placeholder={t('auth.phonePlaceholder')} type="tel" maxLength={11} clearable />
        </Form.Item>
        <Form.Item name="code" label={t('auth.code')} extra={<SmsCodeButton phone={phone} purpose="register" />} rules={codeRules()}>
          <Input placeholder={t('auth.codePlaceholder')} type="tel" maxLength={6} />
        </Form.Item>
        <div className="hint">{t('auth.sandboxHint')}</div>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={rulesFor('auth.passwordRequired', 'auth.passwordRule', passwordStrong)}
        >
          <Input placeholder={t('auth.passwordPlaceholder')} type="password" clearable />
        </Form.Item>
        <Form.Item
          name="agreed"
          valuePropName="checked"
          rules={[
            {
              validator: async (_, v) => {
                if (!v) throw new Error(t('auth.agreementRequired'));
              },
            },
          ]}
          extra={
            // Links sit outside the checkbox label, so tapping the label only ticks the box.
            <span className="agreement-links">
              <Link to="/agreements/user">{t('auth.userAgreement')}</Link>
              <Link to="/agreements/privacy">{t('auth.privacyPolicy')}</Link>
            </span>
          }
        >
          <Checkbox style={{ '--icon-size': '18px', '--font-size': '13px' }}>{t('auth.agreePrefix')}</Checkbox>
        </Form.Item>
      </Form>
    </div>
  );
}
