import {
  MARKETING_TOPICS,
  MEMBER_CHANNELS,
  type MarketingTopic,
  type MemberChannel,
  type NotificationPreferences,
} from '@quanzi/contracts';
import { Button, Input, List, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { inboxApi } from './inbox-api';

type Props = { prefs: NotificationPreferences; onChange: (p: NotificationPreferences) => void };

const b64ToBytes = (b64: string) =>
  Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((b64.length + 3) % 4)), (c) => c.charCodeAt(0));

/** Marketing topics per channel, quiet hours, and where the member can be reached (email, WeChat, push). */
export function TouchSettings({ prefs, onChange }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string>();
  const [email, setEmail] = useState('');
  const [quiet, setQuiet] = useState(prefs.quietHours ?? { start: '22:00', end: '08:00' });
  const run = async (key: string, fn: () => Promise<NotificationPreferences>) => {
    setBusy(key);
    try {
      onChange(await fn());
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(undefined);
    }
  };
  const pushSupported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;
  const enablePush = () =>
    run('push', async () => {
      const reg = await navigator.serviceWorker.register('/sw.js');
      const { publicKey } = await inboxApi.vapidKey();
      const sub = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: b64ToBytes(publicKey) });
      const json = sub.toJSON();
      return inboxApi.subscribePush({ endpoint: json.endpoint, keys: json.keys } as PushSubscriptionJSON);
    });
  const disablePush = () =>
    run('push', async () => {
      const reg = await navigator.serviceWorker.getRegistration('/sw.js');
      const sub = await reg?.pushManager.getSubscription();
      await sub?.unsubscribe();
      return inboxApi.unsubscribePush(sub?.endpoint);
    });
  const channels = MEMBER_CHANNELS;
  return (
    <>
      <List header={t('touch.topicsHeader')}>
        {prefs.topics.map((topic) => (
          <List.Item key={topic.topic} description={t(`touch.topicHint.${topic.topic}`)}>
            <div style={{ fontWeight: 500, marginBottom: 6 }}>{t(`touch.topic.${topic.topic}`)}</div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
              {channels.map((c: MemberChannel) => (
                <label key={c} style={{ display: 'flex', alignItems: 'center', gap: 4, fontSize: 13 }}>
                  <Switch
                    checked={topic.channels[c]}
                    loading={busy === `${topic.topic}:${c}`}
                    onChange={(v) => void run(`${topic.topic}:${c}`, () => inboxApi.setTopic(topic.topic as MarketingTopic, c, v))}
                    data-testid={`topic-${topic.topic}-${c}`}
                    style={{ '--height': '22px', '--width': '38px' }}
                  />
                  {t(`touch.channel.${c}`)}
                </label>
              ))}
            </div>
          </List.Item>
        ))}
      </List>
      <div className="hint" style={{ padding: '8px 16px' }}>
        {t('touch.transactionalNote')}
      </div>
      <List header={t('touch.quietHeader')}>
        <List.Item
          extra={
            <Switch
              checked={prefs.quietHours !== null}
              data-testid="quiet-enabled"
              onChange={(v) => void run('quiet', () => inboxApi.setQuietHours(v ? quiet : null))}
            />
          }
          description={t('touch.quietHint')}
        >
          {t('touch.quiet')}
        </List.Item>
        {prefs.quietHours && (
          <List.Item>
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Input
                type="time"
                value={quiet.start}
                onChange={(v) => setQuiet({ ...quiet, start: v })}
                style={{ width: 110 }}
                aria-label={t('touch.quietStart')}
              />
              —
              <Input
                type="time"
                value={quiet.end}
                onChange={(v) => setQuiet({ ...quiet, end: v })}
                style={{ width: 110 }}
                aria-label={t('touch.quietEnd')}
              />
              <Button size="small" loading={busy === 'quiet'} onClick={() => void run('quiet', () => inboxApi.setQuietHours(quiet))}>
                {t('touch.save')}
              </Button>
            </div>
          </List.Item>
        )}
      </List>
      <List header={t('touch.bindingsHeader')}>
        <List.Item
          description={prefs.bindings.email ?? t('touch.notBound')}
          extra={
            prefs.bindings.email ? (
              <Button size="mini" onClick={() => void run('email', () => inboxApi.unbind('email'))}>
                {t('touch.unbind')}
              </Button>
            ) : null
          }
        >
          {t('touch.channel.email')}
        </List.Item>
        {!prefs.bindings.email && (
          <List.Item>
            <div style={{ display: 'flex', gap: 8 }}>
              <Input placeholder="name@example.com" value={email} onChange={setEmail} data-testid="email-input" />
              <Button
                size="small"
                color="primary"
                loading={busy === 'email'}
                onClick={() => void run('email', () => inboxApi.bindEmail(email))}
              >
                {t('touch.bind')}
              </Button>
            </div>
          </List.Item>
        )}
        <List.Item
          description={prefs.bindings.wechat ?? t('touch.notBound')}
          extra={
            prefs.bindings.wechat ? (
              <Button size="mini" onClick={() => void run('wechat', () => inboxApi.unbind('wechat'))}>
                {t('touch.unbind')}
              </Button>
            ) : (
              <Button
                size="mini"
                color="primary"
                data-testid="wechat-bind"
                onClick={() =>
                  void inboxApi
                    .wechatAuthorize()
                    .then(({ url }) => window.location.assign(url))
                    .catch((err: unknown) => Toast.show({ content: errorMessage(err) }))
                }
              >
                {t('touch.bindWechat')}
              </Button>
            )
          }
        >
          {t('touch.channel.wechat')}
        </List.Item>
        <List.Item
          description={
            pushSupported
              ? prefs.bindings.push
                ? t('touch.pushOn', { count: prefs.bindings.push })
                : t('touch.pushOff')
              : t('touch.pushUnsupported')
          }
          extra={
            pushSupported ? (
              <Switch
                checked={prefs.bindings.push > 0}
                loading={busy === 'push'}
                onChange={(v) => void (v ? enablePush() : disablePush())}
                data-testid="push-optin"
              />
            ) : null
          }
        >
          {t('touch.channel.push')}
        </List.Item>
      </List>
    </>
  );
}

export const TOPICS = MARKETING_TOPICS;
