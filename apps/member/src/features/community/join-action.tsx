import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { CodePopup } from './code-popup';
import { communityApi, type Group } from './community-api';

type Me = NonNullable<Group['me']>;

/**
 * The join button a group's policy calls for: 加入 (open), 申请加入 (approval; 审核中 while pending)
 * or 邀请码加入 (invite). `onJoined` receives the member's new place in the group.
 */
export function JoinAction({
  group,
  onJoined,
  size = 'small',
}: {
  group: Group;
  onJoined: (me: Me) => void;
  size?: 'mini' | 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [codeOpen, setCodeOpen] = useState(false);
  const me = group.me;
  const testId = `join-${group.id}`;

  const done = (state: Me['state'], role: Me['role']) => {
    Toast.show({ content: state === 'active' ? t('circle.joinedToast') : t('circle.applied') });
    onJoined({ role, state, muted: false, unread: 0, lastReadSeq: me?.lastReadSeq ?? '0' });
  };
  const join = async (code?: string) => {
    const res = await communityApi.join(group.id, code);
    done(res.state, res.role);
  };
  const click = async () => {
    if (group.joinPolicy === 'invite') {
      setCodeOpen(true);
      return;
    }
    setBusy(true);
    try {
      await join();
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  if (me?.state === 'active') return null;
  if (me?.state === 'pending') {
    return (
      <Button size={size} disabled data-testid={testId} data-state="pending">
        {t('circle.pending')}
      </Button>
    );
  }
  const label =
    group.joinPolicy === 'open' ? t('circle.join') : group.joinPolicy === 'approval' ? t('circle.apply') : t('circle.joinByCode');
  return (
    <>
      <Button
        size={size}
        color="primary"
        fill={group.joinPolicy === 'open' ? 'solid' : 'outline'}
        loading={busy}
        onClick={(e) => {
          e.stopPropagation();
          void click();
        }}
        data-testid={testId}
        data-policy={group.joinPolicy}
      >
        {label}
      </Button>
      <CodePopup
        visible={codeOpen}
        onClose={() => setCodeOpen(false)}
        onSubmit={async (code) => {
          await join(code);
          setCodeOpen(false);
        }}
      />
    </>
  );
}
