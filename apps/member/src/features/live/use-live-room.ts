import type { LiveSession } from '@quanzi/contracts';
import { RealtimeClient, realtimeUrl, type ConnectionState, type RealtimeEvent } from '@quanzi/realtime-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../shared/api';
import { liveApi, type LiveComment, type LiveQuestion, type LiveSessionDetail } from './live-api';
import {
  applyCommentEvent,
  applyQuestionEvent,
  applySessionState,
  mergeComments,
  mergeQuestions,
  type CommentEvent,
  type QuestionEvent,
} from './live-events';

/**
 * One live room: the session, its comments (latest page first, earlier on demand) and question
 * queue, kept current over the hub (`live:<id>`: live.comment, live.question, live.state). Every
 * (re)connect and every resync refetches the latest comments and the whole queue over HTTP and
 * merges them by id, so nothing said while the connection was down is missed or shown twice.
 */
export function useLiveRoom(id: string) {
  const [session, setSession] = useState<LiveSessionDetail>();
  const [comments, setComments] = useState<LiveComment[]>([]);
  const [earlier, setEarlier] = useState<string | null>(null);
  const [questions, setQuestions] = useState<LiveQuestion[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [conn, setConn] = useState<ConnectionState>('closed');
  const [earlierBusy, setEarlierBusy] = useState(false);
  const ready = useRef(false);

  const load = useCallback(async () => {
    ready.current = false;
    setLoading(true);
    setError(undefined);
    try {
      const [s, page, queue] = await Promise.all([liveApi.session(id), liveApi.comments(id), liveApi.questions(id)]);
      setSession(s);
      setComments(mergeComments([], page.items));
      setEarlier(page.nextBefore);
      setQuestions(mergeQuestions([], queue.items));
      ready.current = true;
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  /** After a (re)connect or a resync: the latest comments and the queue, merged into what is shown. */
  const catchUp = useCallback(
    async (withSession: boolean) => {
      if (!ready.current) return;
      try {
        const [page, queue, s] = await Promise.all([
          liveApi.comments(id),
          liveApi.questions(id),
          withSession ? liveApi.session(id) : Promise.resolve(undefined),
        ]);
        setComments((prev) => mergeComments(prev, page.items));
        // The queue is complete: anything missing from it was hidden meanwhile (my own held ones stay).
        setQuestions((prev) =>
          mergeQuestions(
            prev.filter((q) => q.status === 'held' || queue.items.some((x) => x.id === q.id)),
            queue.items,
          ),
        );
        if (s) setSession(s);
      } catch {
        // The banner shows while the connection is down; the next reconnect tries again.
      }
    },
    [id],
  );

  const onEvent = useCallback((event: RealtimeEvent) => {
    if (event.name === 'live.comment') setComments((prev) => applyCommentEvent(prev, event.data as CommentEvent));
    else if (event.name === 'live.question') setQuestions((prev) => applyQuestionEvent(prev, event.data as QuestionEvent));
    else if (event.name === 'live.state') {
      const next = (event.data as { session: LiveSession }).session;
      setSession((prev) => prev && applySessionState(prev, next));
    }
  }, []);

  const loaded = session !== undefined;
  useEffect(() => {
    if (!loaded) return;
    const client = new RealtimeClient({
      url: realtimeUrl(window.location),
      onState: (state) => {
        setConn(state);
        if (state === 'open') void catchUp(false);
      },
    });
    client.subscribe(`live:${id}`, onEvent, { onResync: () => void catchUp(true) });
    client.start();
    return () => client.stop();
  }, [loaded, id, onEvent, catchUp]);

  const loadEarlier = useCallback(async () => {
    if (!earlier || earlierBusy) return;
    setEarlierBusy(true);
    try {
      const page = await liveApi.comments(id, earlier);
      setComments((prev) => mergeComments(prev, page.items, Infinity));
      setEarlier(page.nextBefore);
    } finally {
      setEarlierBusy(false);
    }
  }, [id, earlier, earlierBusy]);

  return {
    session,
    setSession,
    comments,
    putComment: (c: LiveComment) => setComments((prev) => mergeComments(prev, [c])),
    questions,
    putQuestion: (q: LiveQuestion) => setQuestions((prev) => mergeQuestions(prev, [q])),
    earlier,
    earlierBusy,
    loadEarlier,
    loading,
    error,
    reload: load,
    conn,
  };
}
