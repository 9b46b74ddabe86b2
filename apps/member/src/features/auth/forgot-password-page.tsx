import { passwordStrong } from '@quanzi/contracts';
import { Form, Input, Result, Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { FormFooter } from '../../shared/form-footer';
import { codeRules, phoneRules, rulesFor } from '../../shared/rules';
import { useSubmit } from '../../shared/use-submit';
import { AuthHeader } from './auth-header';
import { SmsCodeButton } from './sms-code-button';

interface Values {
  phone: string;
  code: string;
  idLast4?: string;
  password: string;
  repeat: string;
}

/**
 * 忘记密码: code to the registered phone, the ID number's last four when the account is
 * real-name verified, a new password. Every device is signed out; the member logs in again.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const phone = Form.useWatch('phone', form) ?? '';
  const [done, setDone] = useState(false);
  const { submit, submitting, error } = useSubmit(async ({ phone, code, idLast4, password }: Values) => {
    await api('POST', '/auth/password-reset', { phone, code, password, ...(idLast4 ? { idLast4: idLast4.toUpperCase() } : {}) });
    setDone(true);
  });

  if (done) {
    return (
      <div>
        <AuthHeader subtitle={t('auth.forgotTitle')} />
        <Result
          status="success"
          title={t('auth.resetDone')}
          description={
            <>
              <p>{t('auth.resetDoneText')}</p>
              <Button color="primary" onClick={() => navigate('/login', { replace: true })}>
                {t('auth.goLogin')}
              </Button>
            </>
          }
        />
      </div>
    );
  }

  return (
    <div>
      <AuthHeader subtitle={t('auth.forgotTitle')} />
      <Form
        form={form}
        layout="horizontal"
        onFinish={submit}
        footer={
          <FormFooter label={t('auth.resetSubmit')} submitting={submitting} error={error}>
            <p className="muted" style={{ textAlign: 'center' }}>
              <Link to="/login">{t('auth.backToLogin')}</Link>
            </p>
          </FormFooter>
        }
      >
        <Form.Item name="phone" label={t('auth.phone')} rules={phoneRules()}>
          <Input placeholder={t('auth.registeredPhonePlaceholder')} type="tel" maxLength={11} clearable />
        </Form.Item>
        <Form.Item name="code" label={t('auth.code')} extra={<SmsCodeButton phone={phone} purpose="reset_password" />} rules={codeRules()}>
          <Input placeholder={t('auth.codePlaceholder')} type="tel" maxLength={6} />
        </Form.Item>
        <div className="hint">{t('auth.sandboxHint')}</div>
        <Form.Item
          name="idLast4"
          label={t('auth.idLast4')}
          help={t('auth.idLast4Help')}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                if (v && !/^[0-9Xx]{4}$/.test(v)) throw new Error(t('auth.idLast4Invalid'));
              },
            },
          ]}
        >
          <Input placeholder={t('auth.idLast4Placeholder')} maxLength={4} clearable />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.newPassword')}
          rules={rulesFor('auth.passwordRequired', 'auth.passwordRule', passwordStrong)}
        >
          <Input placeholder={t('auth.passwordPlaceholder')} type="password" clearable />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('auth.repeatPassword')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('auth.repeatRequired') },
            {
              validator: async (_, v: string | undefined) => {
                if (v && v !== form.getFieldValue('password')) throw new Error(t('auth.repeatMismatch'));
              },
            },
          ]}
        >
          <Input placeholder={t('auth.repeatPlaceholder')} type="password" clearable />
        </Form.Item>
      </Form>
    </div>
  );
}
