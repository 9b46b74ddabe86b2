import type { NotificationKind, NotificationPreference } from '@quanzi/contracts';
import { List, Switch, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { inboxApi } from './inbox-api';
import { KindIcon } from './kind-icon';
import { TouchSettings } from './touch-settings';

/** One switch per inbox kind (money, moderation and system cannot be turned off), then topics per channel, quiet hours and bindings. */
export function InboxSettingsPage() {
  const { t } = useTranslation();
  const prefs = useLoad(() => inboxApi.preferences());
  const [saving, setSaving] = useState<NotificationKind>();

  const change = async (p: NotificationPreference, inApp: boolean) => {
    setSaving(p.kind);
    try {
      prefs.setData(await inboxApi.setPreference(p.kind, inApp));
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setSaving(undefined);
    }
  };

  return (
    <Page title={t('inbox.settings')}>
      <LoadState loading={prefs.loading} error={prefs.error} onRetry={prefs.reload} />
      {prefs.data && (
        <>
          <List header={t('inbox.settingsHeader')}>
            {prefs.data?.items.map((p) => (
              <List.Item
                key={p.kind}
                prefix={<KindIcon kind={p.kind} />}
                description={t(`inbox.kindHint.${p.kind}`)}
                extra={
                  <Switch
                    checked={p.inApp}
                    disabled={p.required}
                    loading={saving === p.kind}
                    onChange={(v) => void change(p, v)}
                    data-testid={`pref-${p.kind}`}
                  />
                }
              >
                {t(`inbox.kind.${p.kind}`)}
              </List.Item>
            ))}
          </List>
          <div className="hint" style={{ padding: '12px 16px' }}>
            {t('inbox.requiredNote')}
          </div>
          <TouchSettings prefs={prefs.data} onChange={prefs.setData} />
        </>
      )}
    </Page>
  );
}
