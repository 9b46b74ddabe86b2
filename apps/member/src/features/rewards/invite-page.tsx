import { Button, Form, Input, List, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { useSubmit } from '../../shared/use-submit';
import { rewardsApi } from './rewards-api';

/** 邀请好友: code, link, the poster drawn by the server, counts, rewards and refusals with reasons. */
export function InvitePage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => rewardsApi.referral());
  const bind = useSubmit(async ({ code }: { code: string }) => {
    await rewardsApi.bind(code.trim().toUpperCase());
    Toast.show({ icon: 'success', content: t('rewards.invite.bound') });
    await reload();
  });
  const copy = async (link: string) => {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    Toast.show({ content: t('rewards.invite.copied') });
  };
  return (
    <Page title={t('rewards.invite.title')}>
      <LoadState loading={loading && !data} error={error} onRetry={reload} />
      {data && (
        <>
          <div className="card" style={{ textAlign: 'center' }}>
            <div>{t('rewards.invite.code')}</div>
            <div style={{ fontSize: 28, letterSpacing: 4, fontWeight: 600 }} data-testid="referral-code">
              {data.code}
            </div>
            <Button size="small" onClick={() => void copy(data.link)}>
              {t('rewards.invite.copy')}
            </Button>
            <img className="poster" src={data.posterUrl} alt={data.code} />
            <p className="muted">{t('rewards.invite.poster')}</p>
          </div>
          <div className="card">
            <p>{t('rewards.invite.rule', { days: data.windowDays })}</p>
            {data.tiers.map((tier) => (
              <div key={tier.from}>{t('rewards.invite.tier', tier)}</div>
            ))}
            <p>{t('rewards.invite.counts', data.counts)}</p>
            <p>
              <strong>{t('rewards.invite.earned', { points: data.pointsEarned })}</strong>
            </p>
          </div>
          <List header={t('rewards.invite.rewards')}>
            {data.rewards.length === 0 && <List.Item>{t('rewards.invite.noRecords')}</List.Item>}
            {data.rewards.map((r, i) => (
              <List.Item key={i} extra={`+${r.points}`}>
                {r.invitee}
              </List.Item>
            ))}
          </List>
          <List header={t('rewards.invite.refused')}>
            {data.refused.length === 0 && <List.Item>{t('rewards.invite.noRecords')}</List.Item>}
            {data.refused.map((r, i) => (
              <List.Item key={i} description={t(`rewards.invite.reason.${r.reason}`)} data-testid="referral-refused">
                {r.invitee}
              </List.Item>
            ))}
          </List>
          {data.invitedBy ? (
            <div className="card">{t('rewards.invite.invitedBy', { status: t(`rewards.invite.status.${data.invitedBy.status}`) })}</div>
          ) : (
            <Form
              layout="horizontal"
              onFinish={(v: { code: string }) => bind.submit(v)}
              footer={
                <>
                  {bind.error && <div className="form-error">{bind.error}</div>}
                  <Button block type="submit" loading={bind.submitting}>
                    {t('rewards.invite.bind')}
                  </Button>
                </>
              }
            >
              <Form.Header>{t('rewards.invite.bindTitle')}</Form.Header>
              <Form.Item name="code" rules={[{ required: true, pattern: /^[A-Za-z2-9]{8}$/ }]}>
                <Input placeholder={t('rewards.invite.bindPlaceholder')} maxLength={8} />
              </Form.Item>
            </Form>
          )}
        </>
      )}
    </Page>
  );
}
