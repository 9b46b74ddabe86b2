import { Button, Dialog, ErrorBlock, List, Selector, Switch, Tag, TextArea, Toast } from 'antd-mobile';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { useLoad } from '../../shared/use-load';
import { Avatar } from './avatar';
import { communityApi, type Group, type Message } from './community-api';
import { copyText } from './copy';
import { AuthorBadges } from './message-item';
import { Sheet } from './pickers';

const SLOW_OPTIONS = [0, 10, 30, 60, 300, 900] as const;

interface Props {
  visible: boolean;
  onClose: () => void;
  group: Group;
  pinned: Message | null;
  onGroup: (g: Group) => void;
  onLeft: () => void;
  onUnpinned: () => void;
  onBlocksChanged: () => void;
}

/**
 * 圈子设置: about the group, 免打扰, leaving; group staff also decide join requests, set slow mode,
 * the announcement and the pinned message, and rotate the invite code. Failures show the server's message.
 */
export function GroupSettings({ visible, onClose, group, pinned, onGroup, onLeft, onUnpinned, onBlocksChanged }: Props) {
  const { t } = useTranslation();
  return (
    <Sheet visible={visible} title={t('circle.settings.title')} onClose={onClose} testId="group-settings">
      <SettingsBody
        group={group}
        pinned={pinned}
        onGroup={onGroup}
        onLeft={onLeft}
        onUnpinned={onUnpinned}
        onBlocksChanged={onBlocksChanged}
      />
    </Sheet>
  );
}

/** Runs an action, toasting the server's message when it fails. */
async function attempt<T>(action: () => Promise<T>, done?: string): Promise<T | undefined> {
  try {
    const result = await action();
    if (done) Toast.show({ content: done });
    return result;
  } catch (err) {
    Toast.show({ content: errorMessage(err) });
    return undefined;
  }
}

function SettingsBody({ group: g, pinned, onGroup, onLeft, onUnpinned, onBlocksChanged }: Omit<Props, 'visible' | 'onClose'>) {
  const { t } = useTranslation();
  const me = g.me;
  const active = me?.state === 'active';
  const staff = active && me.role !== 'member';
  const [muting, setMuting] = useState(false);

  const mute = async (muted: boolean) => {
    setMuting(true);
    const res = await attempt(() => communityApi.mute(g.id, muted));
    if (res && g.me) onGroup({ ...g, me: { ...g.me, muted: res.muted } });
    setMuting(false);
  };
  const leave = async () => {
    const ok = await Dialog.confirm({ content: t('circle.settings.leaveConfirm', { name: g.name }) });
    if (!ok) return;
    if (await attempt(() => communityApi.leave(g.id), t('circle.settings.left'))) onLeft();
  };

  return (
    <>
      <div className="sheet-section">{t('circle.settings.info')}</div>
      <List>
        <List.Item description={g.description ? <span className="settings-text">{g.description}</span> : undefined}>
          <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center', flexWrap: 'wrap' }}>
            {g.name}
            <Tag fill="outline">{t(`circle.settings.visibility.${g.visibility}`)}</Tag>
            <Tag fill="outline" color="primary">
              {t(`circle.policy.${g.joinPolicy}`)}
            </Tag>
          </span>
        </List.Item>
        {g.topic && <List.Item extra={g.topic}>{t('circle.settings.topic')}</List.Item>}
        <List.Item extra={t('circle.chat.memberCount', { count: g.memberCount })}>{t('circle.settings.members')}</List.Item>
        {me && (
          <List.Item extra={me.state === 'pending' ? t('circle.pending') : t(`circle.settings.roles.${me.role}`)}>
            {t('circle.settings.role')}
          </List.Item>
        )}
        {active && (
          <List.Item
            description={t('circle.settings.muteHint')}
            extra={<Switch checked={me.muted} loading={muting} onChange={(v) => void mute(v)} data-testid="settings-mute" />}
          >
            {t('circle.settings.mute')}
          </List.Item>
        )}
      </List>

      {staff && (
        <>
          <div className="sheet-section">{t('circle.settings.manage')}</div>
          <JoinRequests groupId={g.id} />
          <SlowMode group={g} onGroup={onGroup} />
          <Announcement group={g} onGroup={onGroup} />
          <List header={t('circle.settings.pinned')}>
            <List.Item
              description={pinned ? `${pinned.author.nickname}：${pinned.text}` : t('circle.settings.noPinned')}
              extra={
                pinned && (
                  <Button
                    size="mini"
                    onClick={async () => {
                      if (await attempt(() => communityApi.pin(g.id, null), t('circle.chat.unpinnedToast'))) onUnpinned();
                    }}
                    data-testid="settings-unpin"
                  >
                    {t('circle.settings.unpin')}
                  </Button>
                )
              }
            >
              {t('circle.settings.pinned')}
            </List.Item>
          </List>
          <InviteCode groupId={g.id} />
        </>
      )}

      <Blocks onChanged={onBlocksChanged} />

      {active && me.role !== 'owner' && (
        <div style={{ padding: 16 }}>
          <Button block color="danger" fill="outline" onClick={() => void leave()} data-testid="settings-leave">
            {t('circle.settings.leave')}
          </Button>
        </div>
      )}
    </>
  );
}

function JoinRequests({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const requests = useLoad(() => communityApi.members(groupId, 'pending'), [groupId]);
  const [decided, setDecided] = useState<Record<string, boolean>>({});
  const decide = async (memberId: string, approve: boolean) => {
    const res = await attempt(
      () => communityApi.decideJoin(groupId, memberId, approve),
      approve ? t('circle.settings.approved') : t('circle.settings.refused'),
    );
    if (res) setDecided((d) => ({ ...d, [memberId]: approve }));
  };
  const items = requests.data?.items ?? [];
  return (
    <List header={t('circle.settings.requests')} data-testid="settings-requests">
      {requests.loading && <List.Item>{t('common.loading')}</List.Item>}
      {requests.error && (
        <List.Item
          extra={
            <Button size="mini" onClick={() => void requests.reload()}>
              {t('common.retry')}
            </Button>
          }
        >
          <span className="error-text">{requests.error}</span>
        </List.Item>
      )}
      {!requests.loading && !requests.error && items.length === 0 && <List.Item>{t('circle.settings.noRequests')}</List.Item>}
      {items.map((r) => (
        <List.Item
          key={r.member.id}
          prefix={<Avatar id={r.member.id} name={r.member.nickname} size={32} />}
          data-testid={`request-${r.member.id}`}
          extra={
            r.member.id in decided ? (
              <span className="hint-inline">{decided[r.member.id] ? t('circle.settings.approved') : t('circle.settings.refused')}</span>
            ) : (
              <span style={{ display: 'inline-flex', gap: 6 }}>
                <Button size="mini" color="primary" onClick={() => void decide(r.member.id, true)} data-testid="request-approve">
                  {t('circle.settings.approve')}
                </Button>
                <Button size="mini" onClick={() => void decide(r.member.id, false)} data-testid="request-refuse">
                  {t('circle.settings.refuse')}
                </Button>
              </span>
            )
          }
        >
          <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
            {r.member.nickname}
            <AuthorBadges author={r.member} />
          </span>
        </List.Item>
      ))}
    </List>
  );
}

function SlowMode({ group: g, onGroup }: { group: Group; onGroup: (g: Group) => void }) {
  const { t } = useTranslation();
  const options = SLOW_OPTIONS.map((s) => ({
    value: s,
    label: s === 0 ? t('circle.settings.slowOff') : t(`circle.settings.slowOptions.s${s}`),
  }));
  // A value set elsewhere (the console) that is not one of the choices still shows.
  if (!SLOW_OPTIONS.includes(g.slowModeSeconds as (typeof SLOW_OPTIONS)[number]))
    options.push({ value: g.slowModeSeconds as (typeof SLOW_OPTIONS)[number], label: `${g.slowModeSeconds}s` });
  const set = async (seconds: number) => {
    const next = await attempt(() => communityApi.update(g.id, { slowModeSeconds: seconds }), t('circle.settings.saved'));
    if (next) onGroup(next);
  };
  return (
    <List header={t('circle.settings.slowMode')}>
      <div className="settings-block" data-testid="settings-slow-mode">
        <Selector
          columns={3}
          options={options}
          value={[g.slowModeSeconds as (typeof SLOW_OPTIONS)[number]]}
          onChange={(v) => v[0] !== undefined && v[0] !== g.slowModeSeconds && void set(v[0])}
        />
      </div>
    </List>
  );
}

function Announcement({ group: g, onGroup }: { group: Group; onGroup: (g: Group) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(g.announcement ?? '');
  const [busy, setBusy] = useState(false);
  const save = useCallback(
    async (value: string | null) => {
      setBusy(true);
      const next = await attempt(() => communityApi.update(g.id, { announcement: value }), t('circle.settings.saved'));
      setBusy(false);
      if (next) {
        onGroup(next);
        setText(next.announcement ?? '');
      }
    },
    [g.id, onGroup, t],
  );
  return (
    <List header={t('circle.settings.announcement')}>
      <div className="settings-block">
        <TextArea
          value={text}
          onChange={setText}
          placeholder={t('circle.settings.announcementPlaceholder')}
          maxLength={500}
          showCount
          autoSize={{ minRows: 2, maxRows: 6 }}
          data-testid="settings-announcement"
        />
        <div className="settings-actions">
          <Button
            size="small"
            color="primary"
            loading={busy}
            onClick={() => void save(text.trim() || null)}
            data-testid="settings-announcement-save"
          >
            {t('circle.settings.save')}
          </Button>
          {g.announcement && (
            <Button size="small" disabled={busy} onClick={() => void save(null)}>
              {t('circle.settings.clear')}
            </Button>
          )}
        </div>
      </div>
    </List>
  );
}

function InviteCode({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rotate = async () => {
    setBusy(true);
    const res = await attempt(() => communityApi.rotateInvite(groupId));
    setBusy(false);
    if (res) setCode(res.inviteCode);
  };
  return (
    <List header={t('circle.settings.invite')}>
      <div className="settings-block" data-testid="settings-invite">
        {code && (
          <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
            <span className="invite-code" data-testid="settings-invite-code">
              {code}
            </span>
            <Button
              size="mini"
              onClick={() => void copyText(code).then(() => Toast.show({ content: t('circle.chat.copied') }))}
              data-testid="settings-invite-copy"
            >
              {t('circle.settings.copy')}
            </Button>
          </div>
        )}
        <div className="hint-inline" style={{ marginBottom: 8 }}>
          {t('circle.settings.inviteHint')}
        </div>
        <Button size="small" loading={busy} onClick={() => void rotate()} data-testid="settings-invite-rotate">
          {t('circle.settings.rotate')}
        </Button>
      </div>
    </List>
  );
}

function Blocks({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const blocks = useLoad(() => communityApi.blocks());
  const unblock = async (id: string) => {
    if (await attempt(() => communityApi.block(id, false), t('circle.settings.unblocked'))) {
      blocks.setData((d) => d && { items: d.items.filter((b) => b.id !== id) });
      onChanged();
    }
  };
  if (blocks.error) return <ErrorBlock status="default" title={t('common.loadFailed')} description={blocks.error} />;
  const items = blocks.data?.items ?? [];
  return (
    <List header={t('circle.settings.blocks')}>
      {!blocks.loading && items.length === 0 && <List.Item>{t('circle.settings.noBlocks')}</List.Item>}
      {items.map((b) => (
        <List.Item
          key={b.id}
          prefix={<Avatar id={b.id} name={b.nickname} size={32} />}
          extra={
            <Button size="mini" onClick={() => void unblock(b.id)}>
              {t('circle.settings.unblock')}
            </Button>
          }
        >
          {b.nickname}
        </List.Item>
      ))}
    </List>
  );
}
