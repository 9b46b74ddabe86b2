import { RealtimeClient, realtimeUrl, type ConnectionState, type RealtimeEvent } from '@quanzi/realtime-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../shared/api';
import { communityApi, type Group, type Message } from './community-api';
import { applyReactions, mergeLive, newestSeq, upsertMessages, type ReactionCount } from './messages';

interface ChatData {
  items: Message[];
  /** Older history exists that is not loaded yet (page up with `before=`). */
  olderUnloaded: boolean;
  pinned: Message | null;
}

type GroupChanged = { slowModeSeconds: number; announcement: string | null; pinnedMessageId: string | null };

/** The last hub event id seen per group, so coming back to a chat resumes where it left off. */
const lastEventIds = new Map<string, string>();

const PAGE = 30;
const CATCH_UP_PAGE = 100;
const CATCH_UP_PAGES = 20;

/**
 * One group's chat: the group, its history (paged up on demand), the pinned message, and the live
 * feed over the hub. Every source — first page, older pages, the `after=` catch-up after a
 * (re)connect or resync, hub events, the member's own posts — is merged by id and kept in seq
 * order, so nothing shows twice and nothing is missed.
 */
export function useGroupChat(groupId: string) {
  const [group, setGroup] = useState<Group>();
  const [data, setData] = useState<ChatData>({ items: [], olderUnloaded: false, pinned: null });
  const [status, setStatus] = useState<'loading' | 'ready' | 'locked' | 'error'>('loading');
  const [error, setError] = useState<string>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string>();
  const [conn, setConn] = useState<ConnectionState>('closed');

  const dataRef = useRef(data);
  const ready = useRef(false);
  const catching = useRef<Promise<void> | null>(null);
  const olderBusy = useRef(false);
  const blocked = useRef(new Set<string>());

  const update = useCallback((fn: (d: ChatData) => ChatData) => {
    setData((prev) => {
      const next = fn(prev);
      dataRef.current = next;
      return next;
    });
  }, []);

  const load = useCallback(async () => {
    ready.current = false;
    setStatus('loading');
    setError(undefined);
    update(() => ({ items: [], olderUnloaded: false, pinned: null }));
    try {
      const [g, blocks] = await Promise.all([communityApi.group(groupId), communityApi.blocks().catch(() => ({ items: [] }))]);
      blocked.current = new Set(blocks.items.map((b) => b.id));
      setGroup(g);
      try {
        const page = await communityApi.messages(groupId, { limit: PAGE });
        update(() => ({ items: upsertMessages([], page.items), olderUnloaded: page.hasMore, pinned: page.pinned }));
        ready.current = true;
        setStatus('ready');
      } catch (err) {
        // A private group shows who it is and how to join, without its messages.
        if (err instanceof ApiError && err.code === 'NOT_GROUP_MEMBER') setStatus('locked');
        else throw err;
      }
    } catch (err) {
      setError(errorMessage(err));
      setStatus('error');
    }
  }, [groupId, update]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Fetches everything after the newest message shown (after a connect, reconnect or resync). */
  const catchUp = useCallback((): Promise<void> => {
    if (!ready.current) return Promise.resolve();
    if (catching.current) return catching.current;
    const run = (async () => {
      try {
        for (let i = 0; i < CATCH_UP_PAGES; i++) {
          const page = await communityApi.messages(groupId, { after: newestSeq(dataRef.current.items) ?? '0', limit: CATCH_UP_PAGE });
          update((d) => ({ ...d, items: upsertMessages(d.items, page.items), pinned: page.pinned }));
          if (!page.hasMore) break;
        }
      } catch {
        // The next reconnect or event tries again; the banner shows while the connection is down.
      } finally {
        catching.current = null;
      }
    })();
    catching.current = run;
    return run;
  }, [groupId, update]);

  /** The hub could not replay the gap: catch up, then refresh the latest page (statuses may have changed). */
  const resync = useCallback(async () => {
    await catchUp();
    try {
      const page = await communityApi.messages(groupId, { limit: PAGE });
      update((d) => ({ ...d, items: upsertMessages(d.items, page.items), pinned: page.pinned }));
    } catch {
      // Shown as it was; the next event or reconnect refreshes it.
    }
  }, [catchUp, groupId, update]);

  const refreshPinned = useCallback(async () => {
    try {
      const page = await communityApi.messages(groupId, { limit: 1 });
      update((d) => ({ ...d, pinned: page.pinned }));
    } catch {
      // The pinned bar keeps what it had.
    }
  }, [groupId, update]);

  const onEvent = useCallback(
    (event: RealtimeEvent) => {
      lastEventIds.set(groupId, event.id);
      if (event.name === 'message.created' || event.name === 'message.changed') {
        const m = event.data as Message;
        if (m.groupId !== groupId || blocked.current.has(m.author.id)) return;
        update((d) => ({
          ...d,
          items: mergeLive(d.items, m, d.olderUnloaded),
          pinned: d.pinned?.id === m.id ? (m.status === 'visible' ? { ...m, reactions: d.pinned.reactions } : null) : d.pinned,
        }));
      } else if (event.name === 'reaction.changed') {
        const r = event.data as { messageId: string; reactions: ReactionCount[] };
        update((d) => ({
          ...d,
          items: applyReactions(d.items, r.messageId, r.reactions),
          pinned: d.pinned?.id === r.messageId ? applyReactions([d.pinned], r.messageId, r.reactions)[0]! : d.pinned,
        }));
      } else if (event.name === 'group.changed') {
        const g = event.data as GroupChanged;
        setGroup((prev) => prev && { ...prev, slowModeSeconds: g.slowModeSeconds, announcement: g.announcement });
        if (g.pinnedMessageId === null) update((d) => ({ ...d, pinned: null }));
        else if (dataRef.current.pinned?.id !== g.pinnedMessageId) {
          const found = dataRef.current.items.find((m) => m.id === g.pinnedMessageId && m.status === 'visible');
          if (found) update((d) => ({ ...d, pinned: found }));
          else void refreshPinned();
        }
      }
    },
    [groupId, update, refreshPinned],
  );

  // Live: subscribe once the history is shown, resuming from the last event seen in this group;
  // every (re)connect catches up over HTTP from the newest message shown.
  useEffect(() => {
    if (status !== 'ready') return;
    const client = new RealtimeClient({
      url: realtimeUrl(window.location),
      onState: (state) => {
        setConn(state);
        if (state === 'open') void catchUp();
      },
    });
    client.subscribe(`group:${groupId}`, onEvent, { lastId: lastEventIds.get(groupId) ?? null, onResync: () => void resync() });
    client.start();
    return () => client.stop();
  }, [status, groupId, onEvent, catchUp, resync]);

  const loadOlder = useCallback(async (): Promise<boolean> => {
    const d = dataRef.current;
    const first = d.items[0];
    if (olderBusy.current || !d.olderUnloaded || !first) return false;
    olderBusy.current = true;
    setLoadingOlder(true);
    setOlderError(undefined);
    try {
      const page = await communityApi.messages(groupId, { before: first.seq, limit: PAGE });
      update((x) => ({ ...x, items: upsertMessages(x.items, page.items), olderUnloaded: page.hasMore }));
      return page.hasMore;
    } catch (err) {
      setOlderError(errorMessage(err));
      return false;
    } finally {
      olderBusy.current = false;
      setLoadingOlder(false);
    }
  }, [groupId, update]);

  /** A message the server returned to this member (their post, a recall): exact for them, "mine" included. */
  const putMessage = useCallback((m: Message) => update((d) => ({ ...d, items: upsertMessages(d.items, [m]) })), [update]);

  const mapMessages = useCallback(
    (fn: (list: Message[]) => Message[]) =>
      update((d) => {
        const items = fn(d.items);
        const pinned = d.pinned ? (items.find((m) => m.id === d.pinned!.id) ?? d.pinned) : null;
        return { ...d, items, pinned };
      }),
    [update],
  );

  /** Blocking hides the author's messages at once (the server leaves them out from now on). */
  const hideAuthor = useCallback(
    (authorId: string) => {
      blocked.current.add(authorId);
      update((d) => ({
        ...d,
        items: d.items.filter((m) => m.author.id !== authorId),
        pinned: d.pinned?.author.id === authorId ? null : d.pinned,
      }));
    },
    [update],
  );

  const setPinned = useCallback((pinned: Message | null) => update((d) => ({ ...d, pinned })), [update]);

  return {
    group,
    setGroup,
    status,
    error,
    reload: load,
    items: data.items,
    olderUnloaded: data.olderUnloaded,
    pinned: data.pinned,
    loadingOlder,
    olderError,
    loadOlder,
    conn,
    putMessage,
    mapMessages,
    hideAuthor,
    setPinned,
    refreshPinned,
  };
}
