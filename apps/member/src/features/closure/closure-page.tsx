import { Button, Form, Input, List, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { FormFooter } from '../../shared/form-footer';
import { useSubmit } from '../../shared/use-submit';
import { LoadState } from '../../shared/load-state';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';

export function ClosurePage() {
  const { t } = useTranslation();
  const { setMe } = useMe();
  const { data, error, loading, reload } = useLoad(() =>
    api<{ blockers: Array<{ module: string; reason: string }> }>('GET', '/me/closure'),
  );
  const [closed, setClosed] = useState(false);
  const {
    submit,
    submitting,
    error: submitError,
  } = useSubmit(async ({ password }: { password: string }) => {
    await api('POST', '/me/closure', { password });
    setClosed(true);
  });

  if (closed) {
    return (
      <Page title={t('closure.title')}>
        <Result status="success" title={t('closure.doneTitle')} description={t('closure.doneText')} />
        <div className="form-footer">
          <Button block onClick={() => setMe(null)}>
            {t('common.ok')}
          </Button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('closure.title')}>
      <div className="page-body">
        <LoadState loading={loading} error={error} onRetry={reload} />
        {data && (
          <>
            <div className="card">
              <h3>{t('closure.whatHappens')}</h3>
              <p className="muted">{t('closure.explain')}</p>
            </div>
            {data.blockers.length > 0 ? (
              <div className="card">
                <h3>{t('closure.blocked')}</h3>
                <List>
                  {data.blockers.map((b) => (
                    <List.Item key={b.module}>{b.reason}</List.Item>
                  ))}
                </List>
              </div>
            ) : (
              <Form
                layout="horizontal"
                onFinish={submit}
                footer={<FormFooter label={t('closure.confirm')} color="danger" submitting={submitting} error={submitError} />}
              >
                <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
                  <Input type="password" placeholder={t('closure.passwordPlaceholder')} />
                </Form.Item>
              </Form>
            )}
          </>
        )}
      </div>
    </Page>
  );
}
