import type { DeviceSession } from '@quanzi/contracts';
import { Button, Dialog, List, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { describeAgent } from './describe-agent';
import { formatTime } from './format';

export function DevicesList() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: DeviceSession[] }>('GET', '/me/sessions'));

  const revoke = async (id: string) => {
    if (!(await Dialog.confirm({ content: t('security.revokeConfirm') }))) return;
    try {
      await api('DELETE', `/me/sessions/${id}`);
      Toast.show({ icon: 'success', content: t('security.revoked') });
      await reload();
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
  };

  return (
    <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
      <List header={t('security.devices')}>
        {(loading || error) && <LoadState loading={loading} error={error} onRetry={reload} />}
        {data?.items.map((s) => (
          <List.Item
            key={s.id}
            description={`${t('security.lastSeen')} ${formatTime(s.lastSeenAt)} · ${s.ipMasked ?? ''}`}
            extra={
              s.current ? (
                <Tag color="primary">{t('security.thisDevice')}</Tag>
              ) : (
                <Button size="mini" fill="outline" onClick={() => revoke(s.id)}>
                  {t('security.revoke')}
                </Button>
              )
            }
          >
            {describeAgent(s.userAgent) ?? t('security.unknownDevice')}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
