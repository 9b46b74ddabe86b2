import { ActionSheet, Button, Dialog, NavBar, NoticeBar, Skeleton, Toast, type ActionSheetProps } from 'antd-mobile';
import { MoreOutline } from 'antd-mobile-icons';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';
import { communityApi, type Group, type Message } from './community-api';
import { Composer } from './composer';
import { copyText } from './copy';
import { GroupSettings } from './group-settings';
import { JoinAction } from './join-action';
import { MemberText, MessageItem } from './message-item';
import { applyReactions, canRecall, compareSeq, newestSeq, setMine, showsTime, toggleReaction, type ReactionCount } from './messages';
import { useGroupChat } from './use-group-chat';

type Action = ActionSheetProps['actions'][number];
const REACTIONS: ReactionCount['emoji'][] = ['👍', '❤️', '😂', '😮', '👏', '🙏'];
/** How many older pages to walk back looking for a linked message (`?m=`). */
const SEEK_PAGES = 30;

/**
 * 群聊 `/community/groups/:id` (`?m=<messageId>` scrolls to a message): the pinned message and
 * announcement on top, history paged upwards, new messages live over the hub, a read marker that
 * follows what the member has seen, and the composer — or the join button for non-members.
 */
export function ChatPage() {
  const { id = '' } = useParams();
  // Keyed by group: another group is a fresh page (history, subscription, composer).
  return <Chat key={id} groupId={id} />;
}

function Chat({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { me: viewer } = useMe();
  const viewerId = viewer?.id;
  const chat = useGroupChat(groupId);
  const { group, items, pinned, status, olderUnloaded, loadingOlder, loadOlder, mapMessages, putMessage, setGroup } = chat;
  const active = group?.me?.state === 'active';
  const staff = active && group.me!.role !== 'member';

  const [settingsOpen, setSettingsOpen] = useState(false);
  const [actionFor, setActionFor] = useState<Message | null>(null);
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [announcementOpen, setAnnouncementOpen] = useState(false);
  const [unseen, setUnseen] = useState(0);
  const [bottom, setBottom] = useState(true);
  const [highlight, setHighlight] = useState<string | null>(null);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const edge = useRef<{ first?: string; last?: string; height: number }>({ height: 0 });

  const back = () => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/community'));

  // Keep the view steady: the first page opens at the bottom, older pages keep what the member was
  // reading in place, new messages follow only a member who is at the bottom (or who sent them).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = items[0]?.id;
    const last = items.at(-1)?.id;
    const prev = edge.current;
    if (!prev.last && last) el.scrollTop = el.scrollHeight;
    else if (first !== prev.first && last === prev.last) el.scrollTop += el.scrollHeight - prev.height;
    else if (last !== prev.last) {
      const since = items.findIndex((m) => m.id === prev.last);
      const fresh = items.slice(since + 1).filter((m) => m.author.id !== viewerId);
      if (atBottom.current || items.at(-1)?.author.id === viewerId) el.scrollTop = el.scrollHeight;
      else if (fresh.length) setUnseen((n) => n + fresh.length);
    }
    edge.current = { first, last, height: el.scrollHeight };
  }, [items, viewerId]);

  // `?m=`: walk back through history until the message is shown, then scroll to it and flash it.
  const seeking = useRef<{ id: string; pages: number } | null>(null);
  const [seekTick, setSeekTick] = useState(0);
  const goTo = useCallback((messageId: string) => {
    seeking.current = { id: messageId, pages: 0 };
    setSeekTick((n) => n + 1);
  }, []);
  const linked = params.get('m');
  useEffect(() => {
    if (status === 'ready' && linked) goTo(linked);
  }, [status, linked, goTo]);
  useEffect(() => {
    const seek = seeking.current;
    if (!seek || status !== 'ready' || loadingOlder) return;
    const el = document.getElementById(`msg-${seek.id}`);
    if (el) {
      seeking.current = null;
      el.scrollIntoView({ block: 'center' });
      setHighlight(seek.id);
    } else if (olderUnloaded && seek.pages < SEEK_PAGES) {
      seek.pages++;
      void loadOlder();
    } else {
      seeking.current = null;
      Toast.show({ content: t('circle.chat.notFound') });
    }
  }, [items, seekTick, status, olderUnloaded, loadingOlder, loadOlder, t]);
  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => setHighlight(null), 2500);
    return () => clearTimeout(timer);
  }, [highlight]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const isBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    atBottom.current = isBottom;
    setBottom(isBottom);
    if (isBottom) setUnseen(0);
    if (el.scrollTop < 80 && olderUnloaded && !loadingOlder && !seeking.current) void loadOlder();
  };
  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
    setUnseen(0);
  };

  // Read marker: the newest message, once the page is visible and the member is at the bottom.
  const lastRead = useRef<string | null>(null);
  useEffect(() => {
    if (!active) return;
    if (lastRead.current === null) lastRead.current = group.me!.lastReadSeq;
    const newest = newestSeq(items);
    if (!newest) return;
    const mark = () => {
      if (document.visibilityState !== 'visible' || !atBottom.current) return;
      const before = lastRead.current ?? '0';
      if (compareSeq(newest, before) <= 0) return;
      lastRead.current = newest;
      communityApi.read(groupId, newest).catch(() => {
        lastRead.current = before;
      });
    };
    const timer = setTimeout(mark, 500);
    document.addEventListener('visibilitychange', mark);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', mark);
    };
  }, [items, active, bottom, group, groupId]);

  const react = useCallback(
    async (m: Message, emoji: ReactionCount['emoji'], on: boolean) => {
      mapMessages((list) => list.map((x) => (x.id === m.id ? toggleReaction(x, emoji, on) : x)));
      try {
        const res = await communityApi.react(m.id, emoji, on);
        mapMessages((list) => setMine(applyReactions(list, res.messageId, res.reactions), m.id, emoji, on));
      } catch (err) {
        mapMessages((list) => list.map((x) => (x.id === m.id ? toggleReaction(x, emoji, !on) : x)));
        Toast.show({ content: errorMessage(err) });
      }
    },
    [mapMessages],
  );

  const actions = actionFor ? messageActions(actionFor) : [];
  function messageActions(m: Message): Action[] {
    const mine = m.author.id === viewerId;
    const list: Action[] = [];
    const shown = m.status === 'visible';
    if (shown && active) list.push({ key: 'reply', text: t('circle.chat.actions.reply'), onClick: () => setReplyTo(m) });
    if (m.text) {
      list.push({
        key: 'copy',
        text: t('circle.chat.actions.copy'),
        onClick: () => void copyText(m.text).then(() => Toast.show({ content: t('circle.chat.copied') })),
      });
    }
    if (canRecall(m, viewerId)) {
      list.push({
        key: 'recall',
        text: t('circle.chat.actions.recall'),
        danger: true,
        onClick: async () => {
          try {
            putMessage(await communityApi.recall(m.id));
            Toast.show({ content: t('circle.chat.recalled') });
          } catch (err) {
            Toast.show({ content: errorMessage(err) });
          }
        },
      });
    }
    if (staff && shown) {
      const isPinned = pinned?.id === m.id;
      list.push({
        key: 'pin',
        text: isPinned ? t('circle.chat.actions.unpin') : t('circle.chat.actions.pin'),
        onClick: async () => {
          try {
            await communityApi.pin(groupId, isPinned ? null : m.id);
            chat.setPinned(isPinned ? null : m);
            Toast.show({ content: isPinned ? t('circle.chat.unpinnedToast') : t('circle.chat.pinnedToast') });
          } catch (err) {
            Toast.show({ content: errorMessage(err) });
          }
        },
      });
    }
    if (!mine) {
      list.push({
        key: 'report',
        text: t('circle.chat.actions.report'),
        onClick: () => navigate(`/community/report?type=message&id=${encodeURIComponent(m.id)}`),
      });
      list.push({
        key: 'block',
        text: t('circle.chat.actions.block'),
        danger: true,
        onClick: async () => {
          const ok = await Dialog.confirm({ content: t('circle.chat.blockConfirm', { name: m.author.nickname }) });
          if (!ok) return;
          try {
            await communityApi.block(m.author.id, true);
            chat.hideAuthor(m.author.id);
            Toast.show({ content: t('circle.chat.blocked') });
          } catch (err) {
            Toast.show({ content: errorMessage(err) });
          }
        },
      });
    }
    return list;
  }

  if (status === 'error' || (status === 'loading' && !group)) {
    return (
      <Page title={t('circle.mine')} back="/community">
        <div className="page-body">
          {status === 'loading' ? <ChatSkeleton /> : <LoadState loading={false} error={chat.error} onRetry={() => void chat.reload()} />}
        </div>
      </Page>
    );
  }
  const g = group!;
  const onJoined = (me: Group['me']) => {
    setGroup({ ...g, me, memberCount: g.memberCount + (me?.state === 'active' ? 1 : 0) });
    if (me?.state === 'active') void chat.reload();
  };

  return (
    <div className="chat-page" data-testid="chat-page" data-group={g.id}>
      <NavBar
        className="chat-nav"
        onBack={back}
        right={
          <button
            type="button"
            className="composer-tool"
            style={{ marginLeft: 'auto' }}
            onClick={() => setSettingsOpen(true)}
            aria-label={t('circle.chat.settings')}
            data-testid="chat-settings"
          >
            <MoreOutline />
          </button>
        }
      >
        <div className="chat-title">
          <div className="chat-title-name" data-testid="chat-title">
            {g.name}
          </div>
          <div className="chat-title-sub" data-testid="chat-member-count">
            {t('circle.chat.memberCount', { count: g.memberCount })}
          </div>
        </div>
      </NavBar>
      {chat.conn === 'reconnecting' && <NoticeBar content={t('circle.chat.reconnecting')} color="alert" data-testid="chat-reconnecting" />}
      {pinned && (
        <div className="chat-banner pinned" role="button" tabIndex={0} onClick={() => goTo(pinned.id)} data-testid="chat-pinned">
          <span className="chat-banner-label">{t('circle.chat.pinned')}</span>
          <span className="chat-banner-text clamped">
            {pinned.author.nickname}：
            {pinned.text ||
              (pinned.kind === 'image'
                ? t('circle.chat.imageLabel')
                : pinned.kind === 'product'
                  ? `${t('circle.chat.productLabel')} ${pinned.product?.name ?? ''}`
                  : '')}
          </span>
        </div>
      )}
      {g.announcement && (
        <div
          className="chat-banner announcement"
          role="button"
          tabIndex={0}
          onClick={() => setAnnouncementOpen((o) => !o)}
          data-testid="chat-announcement"
        >
          <span className="chat-banner-label">{t('circle.chat.announcement')}</span>
          <span className={`chat-banner-text${announcementOpen ? '' : ' clamped'}`}>
            <MemberText text={g.announcement} />
          </span>
        </div>
      )}
      {g.slowModeSeconds > 0 && (
        <div className="chat-banner slow" data-testid="chat-slow-mode">
          {staff
            ? t('circle.chat.slowModeStaff', { seconds: g.slowModeSeconds })
            : t('circle.chat.slowMode', { seconds: g.slowModeSeconds })}
        </div>
      )}

      <div className="chat-body">
        <div className="chat-scroll" ref={scroller} onScroll={onScroll} data-testid="chat-messages">
          {status === 'locked' ? (
            <div className="chat-empty" data-testid="chat-locked">
              <div>{t('circle.chat.notMember')}</div>
              {g.description && (
                <div className="settings-text" style={{ marginTop: 8 }}>
                  {g.description}
                </div>
              )}
            </div>
          ) : status === 'loading' ? (
            <ChatSkeleton />
          ) : (
            <>
              <div className="chat-older">
                {loadingOlder ? (
                  t('circle.chat.loadingEarlier')
                ) : chat.olderError ? (
                  <span className="error-text">
                    {chat.olderError}{' '}
                    <button type="button" onClick={() => void loadOlder()}>
                      {t('common.retry')}
                    </button>
                  </span>
                ) : olderUnloaded ? (
                  <button type="button" onClick={() => void loadOlder()} data-testid="chat-load-older">
                    {t('circle.chat.loadEarlier')}
                  </button>
                ) : items.length ? (
                  t('circle.chat.noEarlier')
                ) : null}
              </div>
              {items.length === 0 && <div className="chat-empty">{t('circle.chat.empty')}</div>}
              {items.map((m, i) => (
                <MessageItem
                  key={m.id}
                  message={m}
                  viewerId={viewerId}
                  showTime={showsTime(items[i - 1], m)}
                  highlighted={highlight === m.id}
                  canReact={active}
                  onActions={setActionFor}
                  onReact={react}
                  onQuote={goTo}
                />
              ))}
            </>
          )}
        </div>
        {unseen > 0 && !bottom && (
          <Button className="chat-new-pill" size="small" color="primary" shape="rounded" onClick={toBottom} data-testid="chat-new-messages">
            {t('circle.chat.newMessages', { count: unseen })} ↓
          </Button>
        )}
      </div>

      {active ? (
        <Composer
          groupId={g.id}
          viewerId={viewerId}
          staff={staff}
          slowModeSeconds={g.slowModeSeconds}
          replyTo={replyTo}
          onCancelReply={() => setReplyTo(null)}
          onSent={putMessage}
        />
      ) : (
        <div className="join-bar" data-testid="chat-join-bar">
          <span>{g.me?.state === 'pending' ? t('circle.chat.joinBarPending') : t('circle.chat.joinBarHint')}</span>
          <JoinAction group={g} onJoined={onJoined} size="middle" />
        </div>
      )}

      <ActionSheet
        visible={!!actionFor}
        actions={actions}
        extra={
          actionFor && active && actionFor.status === 'visible' ? (
            <div className="reaction-bar" data-testid="reaction-bar">
              {REACTIONS.map((emoji) => {
                const mine = !!actionFor.reactions.find((r) => r.emoji === emoji && r.mine);
                return (
                  <button
                    key={emoji}
                    type="button"
                    className={mine ? 'mine' : ''}
                    aria-pressed={mine}
                    onClick={() => {
                      const m = actionFor;
                      setActionFor(null);
                      void react(m, emoji, !mine);
                    }}
                    data-testid={`react-${emoji}`}
                  >
                    {emoji}
                  </button>
                );
              })}
            </div>
          ) : undefined
        }
        cancelText={t('circle.chat.actions.cancel')}
        closeOnAction
        onClose={() => setActionFor(null)}
        data-testid="message-actions"
      />
      <GroupSettings
        visible={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        group={g}
        pinned={pinned}
        onGroup={setGroup}
        onLeft={() => navigate('/community', { replace: true })}
        onUnpinned={() => chat.setPinned(null)}
        onBlocksChanged={() => void chat.reload()}
      />
    </div>
  );
}

function ChatSkeleton() {
  return (
    <div style={{ padding: 12 }} data-testid="chat-loading">
      <Skeleton.Title animated />
      <Skeleton.Paragraph lineCount={6} animated />
    </div>
  );
}
