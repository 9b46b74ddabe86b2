import type { MemberProfile } from '@quanzi/contracts';
import { ageOn, chineseNameValid, parseIdNumber } from '@quanzi/contracts';
import { Form, Input, List, Result, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../shared/api';
import { FormFooter } from '../../shared/form-footer';
import { rulesFor } from '../../shared/rules';
import { useSubmit } from '../../shared/use-submit';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export function RealNamePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, setMe } = useMe();
  const { submit, submitting, error } = useSubmit(async (values: { name: string; idNumber: string }) => {
    const updated = await api<MemberProfile>('POST', '/me/real-name', values);
    setMe(updated);
    Toast.show({ icon: 'success', content: t('realName.success') });
    navigate(updated.bankCards.length ? '/me' : '/me/bank-cards/add', { replace: true });
  });
  if (!me) return null;

  if (me.realName) {
    return (
      <Page title={t('realName.title')}>
        <Result status="success" title={t('realName.doneTitle')} description={t('realName.doneText')} />
        <List>
          <List.Item extra={me.realName.nameMasked}>{t('realName.name')}</List.Item>
          <List.Item extra={me.realName.idNumberMasked}>{t('realName.idNumber')}</List.Item>
        </List>
      </Page>
    );
  }

  return (
    <Page title={t('realName.title')}>
      <div className="page-body">
        <p className="muted">{t('realName.why')}</p>
      </div>
      <Form
        layout="horizontal"
        onFinish={submit}
        footer={<FormFooter label={t('realName.submit')} submitting={submitting} error={error} />}
      >
        <Form.Item
          name="name"
          label={t('realName.name')}
          rules={rulesFor('realName.nameRequired', 'realName.nameInvalid', chineseNameValid)}
        >
          <Input placeholder={t('realName.namePlaceholder')} clearable />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('realName.idNumber')}
          rules={[
            { required: true, message: t('realName.idRequired') },
            {
              validator: async (_, v) => {
                if (!v) return;
                const parsed = parseIdNumber(v);
                if (!parsed) throw new Error(t('realName.idInvalid'));
                if (ageOn(parsed.birthDate, today()) < 18) throw new Error(t('realName.underage'));
              },
            },
          ]}
        >
          <Input placeholder={t('realName.idPlaceholder')} maxLength={18} clearable />
        </Form.Item>
      </Form>
      <div className="hint">{t('realName.privacy')}</div>
    </Page>
  );
}
