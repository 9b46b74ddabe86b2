import { Button, Dialog, NoticeBar, Tag, Toast } from 'antd-mobile';
import { EditSOutline, LikeOutline, StarFill, StarOutline } from 'antd-mobile-icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { useMe } from '../../shared/me-context';
import { AuthorLine } from './author-line';
import { forumApi, query, type ForumReply, type ThreadDetail } from './forum-api';
import { MarkdownView } from './markdown-view';
import { NavPage } from './nav-page';
import { ProductLinks } from './product-links';
import { ReplyComposer } from './reply-composer';
import { ReplyItem } from './reply-item';
import { QuestionState } from './thread-card';
import { agoText } from './time';
import { WarningBar } from './warning-bar';

type Thread = Omit<ThreadDetail, 'replies'>;

/** Pages of replies loaded while looking for a `#reply-<id>` anchor before giving up. */
const ANCHOR_PAGES = 10;

/** The report page, with what to show of the target (a preview travels in the navigation state). */
export const reportLink = (type: 'thread' | 'reply', id: string) => `/community/report${query({ type, id })}`;

/**
 * 帖子详情 `/community/threads/:id` (`#reply-<id>` scrolls to a reply): the rendered body, tagged
 * products, like, bookmark, report, delete for the author; replies one level deep with quotes; on a
 * question the asker accepts an answer, which is then pinned above the rest. Held content shows
 * 待审核 to its author (nobody else receives it).
 */
export function ThreadPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const { me } = useMe();
  const [thread, setThread] = useState<Thread>();
  const [replies, setReplies] = useState<ForumReply[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreError, setMoreError] = useState<string>();
  const [composing, setComposing] = useState(false);
  const [quote, setQuote] = useState<ForumReply | null>(null);
  const [highlight, setHighlight] = useState<string>();
  const cursorRef = useRef<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(undefined);
    try {
      const { replies: page, ...detail } = await forumApi.thread(id);
      setThread(detail);
      setReplies(page.items);
      setCursor(page.nextCursor);
      cursorRef.current = page.nextCursor;
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const loadMore = useCallback(async (): Promise<boolean> => {
    const from = cursorRef.current;
    if (from === null) return false;
    setMoreBusy(true);
    setMoreError(undefined);
    try {
      const page = await forumApi.replies(id, from);
      setReplies((prev) => [...prev, ...page.items.filter((r) => !prev.some((p) => p.id === r.id))]);
      setCursor(page.nextCursor);
      cursorRef.current = page.nextCursor;
      return page.nextCursor !== null;
    } catch (err) {
      setMoreError(errorMessage(err));
      return false;
    } finally {
      setMoreBusy(false);
    }
  }, [id]);

  // A link to one reply: load pages until it is there, then scroll to it and mark it for a moment.
  const anchor = /^#reply-([0-9a-f-]{36})$/i.exec(location.hash)?.[1];
  useEffect(() => {
    if (!thread || !anchor) return;
    let cancelled = false;
    void (async () => {
      for (let i = 0; i < ANCHOR_PAGES && !cancelled && !document.getElementById(`reply-${anchor}`); i++) {
        if (!(await loadMore())) break;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const el = document.getElementById(`reply-${anchor}`);
      if (el && !cancelled) {
        el.scrollIntoView({ block: 'center' });
        setHighlight(anchor);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Once per thread load and anchor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thread?.id, anchor]);

  const needLogin = () => navigate(`/login?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`);
  const guard = (action: () => unknown) => () => {
    if (!me) needLogin();
    else void action();
  };

  const toastError = (err: unknown) => Toast.show({ content: errorMessage(err) });

  if (!thread) {
    return (
      <NavPage title={t('forum.detail')} back={-1}>
        <div className="page-body">
          <LoadState loading={loading} error={error} onRetry={load} />
        </div>
      </NavPage>
    );
  }

  const th = thread;
  const isQuestion = th.kind === 'question';
  const mine = me !== null && th.author.id === me.id;
  const held = th.status === 'held';
  const canAccept = isQuestion && mine && !th.acceptedReplyId;

  const likeThread = async () => {
    try {
      const state = await forumApi.like('thread', th.id, !th.liked);
      setThread({ ...th, ...state });
    } catch (err) {
      toastError(err);
    }
  };
  const bookmark = async () => {
    try {
      const state = await forumApi.bookmark(th.id, !th.bookmarked);
      setThread({ ...th, ...state });
      Toast.show({ content: state.bookmarked ? t('forum.bookmarked') : t('forum.unbookmarked') });
    } catch (err) {
      toastError(err);
    }
  };
  const deleteThread = async () => {
    const ok = await Dialog.confirm({
      content: t('forum.deleteThreadConfirm'),
      confirmText: t('forum.delete'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await forumApi.deleteThread(th.id);
      Toast.show({ content: t('forum.deleted') });
      navigate(isQuestion ? '/community/questions' : `/community/threads${query({ groupId: th.groupId })}`, { replace: true });
    } catch (err) {
      toastError(err);
    }
  };

  const patchReply = (replyId: string, patch: Partial<ForumReply>) => {
    setReplies((prev) => prev.map((r) => (r.id === replyId ? { ...r, ...patch } : r)));
    setThread((prev) =>
      prev && prev.acceptedReply?.id === replyId ? { ...prev, acceptedReply: { ...prev.acceptedReply, ...patch } } : prev,
    );
  };
  const likeReply = async (r: ForumReply) => {
    try {
      patchReply(r.id, await forumApi.like('reply', r.id, !r.liked));
    } catch (err) {
      toastError(err);
    }
  };
  const deleteReply = async (r: ForumReply) => {
    const ok = await Dialog.confirm({
      content: t('forum.deleteReplyConfirm'),
      confirmText: t('forum.delete'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      await forumApi.deleteReply(r.id);
      setReplies((prev) => prev.filter((x) => x.id !== r.id));
      setThread(
        (prev) =>
          prev && {
            ...prev,
            replyCount: Math.max(0, prev.replyCount - (r.status === 'visible' ? 1 : 0)),
            ...(prev.acceptedReply?.id === r.id ? { acceptedReply: null } : {}),
          },
      );
      Toast.show({ content: t('forum.deleted') });
    } catch (err) {
      toastError(err);
    }
  };
  const accept = async (r: ForumReply) => {
    const ok = await Dialog.confirm({
      content: t('forum.qa.acceptConfirm', { name: r.author.nickname }),
      confirmText: t('forum.qa.accept'),
      cancelText: t('common.cancel'),
    });
    if (!ok) return;
    try {
      const res = await forumApi.accept(th.id, r.id);
      setReplies((prev) => prev.map((x) => ({ ...x, accepted: x.id === res.acceptedReplyId })));
      setThread({ ...th, acceptedReplyId: res.acceptedReplyId, acceptedReply: { ...r, accepted: true } });
      Toast.show({ content: t('forum.qa.acceptedToast') });
    } catch (err) {
      toastError(err);
    }
  };
  const report = (type: 'thread' | 'reply', targetId: string, author: string, text: string) =>
    navigate(reportLink(type, targetId), { state: { preview: { author, text: text.slice(0, 200) } } });

  const actionsFor = (r: ForumReply) => {
    const own = me !== null && r.author.id === me.id;
    const visible = r.status === 'visible' && !held;
    return {
      onLike: visible ? guard(() => likeReply(r)) : undefined,
      onQuote: visible ? guard(() => (setQuote(r), setComposing(true))) : undefined,
      onReport: !own && r.status === 'visible' ? guard(() => report('reply', r.id, r.author.nickname, r.body)) : undefined,
      onDelete: own ? () => void deleteReply(r) : undefined,
      onAccept: canAccept && !own && r.status === 'visible' ? () => void accept(r) : undefined,
    };
  };

  const title = isQuestion ? t('forum.qa.detail') : th.kind === 'live_recap' ? t('forum.kind.live_recap') : t('forum.detail');

  return (
    <NavPage title={title} back={-1} className="thread-page">
      {held && <NoticeBar wrap color="alert" content={t('forum.heldThreadHint')} data-testid="thread-held-notice" />}
      <article className="thread-detail" data-testid="thread-detail" data-status={th.status}>
        <h1 className="thread-title" data-testid="thread-title">
          {th.official && (
            <Tag color="primary" className="forum-badge">
              {t('forum.badge.official')}
            </Tag>
          )}
          {held && (
            <Tag color="warning" className="forum-badge" data-testid="thread-held">
              {t('forum.held')}
            </Tag>
          )}
          {th.title}
        </h1>
        <div className="thread-byline">
          <AuthorLine author={th.author} />
          <span className="reply-time">{agoText(th.createdAt, t)}</span>
        </div>
        {th.groupId && (
          <Link className="thread-group-link" to={`/community/groups/${encodeURIComponent(th.groupId)}`}>
            {t('forum.fromGroup')}
          </Link>
        )}
        {isQuestion && (
          <div className="thread-qa-state">
            <QuestionState thread={th} />
          </div>
        )}
        {th.warning && <WarningBar text={th.warning} />}
        <MarkdownView source={th.body} className="thread-body" testId="thread-body" />
        <ProductLinks products={th.products} />
        <div className="thread-actions">
          <button
            type="button"
            className={`thread-action${th.liked ? ' liked' : ''}`}
            onClick={guard(likeThread)}
            disabled={held}
            aria-pressed={th.liked}
            data-testid="thread-like"
          >
            <LikeOutline /> {th.likeCount || t('forum.like')}
          </button>
          <button
            type="button"
            className={`thread-action${th.bookmarked ? ' active' : ''}`}
            onClick={guard(bookmark)}
            disabled={held}
            aria-pressed={th.bookmarked}
            data-testid="thread-bookmark"
          >
            {th.bookmarked ? <StarFill /> : <StarOutline />} {th.bookmarked ? t('forum.bookmarkedLabel') : t('forum.bookmark')}
          </button>
          {!mine && !held && (
            <button
              type="button"
              className="thread-action"
              onClick={guard(() => report('thread', th.id, th.author.nickname, `${th.title}\n${th.body}`))}
              data-testid="thread-report"
            >
              {t('forum.report')}
            </button>
          )}
          {mine && (
            <button type="button" className="thread-action danger" onClick={() => void deleteThread()} data-testid="thread-delete">
              {t('forum.delete')}
            </button>
          )}
        </div>
      </article>

      {isQuestion && th.acceptedReply && (
        <section className="thread-section accepted-section" data-testid="accepted-answer">
          <h2 className="thread-section-title">{t('forum.qa.acceptedAnswer')}</h2>
          <ReplyItem reply={th.acceptedReply} anchor={false} isAnswer actions={actionsFor(th.acceptedReply)} />
        </section>
      )}

      <section className="thread-section" data-testid="replies">
        <h2 className="thread-section-title">
          {isQuestion ? t('forum.qa.answersTitle', { count: th.replyCount }) : t('forum.repliesTitle', { count: th.replyCount })}
        </h2>
        {replies.length === 0 && <p className="forum-empty-replies">{isQuestion ? t('forum.qa.noAnswers') : t('forum.noReplies')}</p>}
        {replies.map((r) => (
          <ReplyItem key={r.id} reply={r} isAnswer={isQuestion} highlighted={highlight === r.id} actions={actionsFor(r)} />
        ))}
        {moreError && <div className="error-text">{moreError}</div>}
        {cursor !== null && (
          <Button block fill="none" color="primary" loading={moreBusy} onClick={() => void loadMore()} data-testid="replies-more">
            {t('forum.moreReplies')}
          </Button>
        )}
      </section>

      {!held && (
        <div className="reply-bar">
          <button type="button" className="reply-bar-input" onClick={guard(() => setComposing(true))} data-testid="reply-open">
            <EditSOutline /> {isQuestion ? t('forum.qa.writeAnswer') : t('forum.writeReply')}
          </button>
        </div>
      )}
      {me && (
        <ReplyComposer
          threadId={th.id}
          visible={composing}
          quote={quote}
          isAnswer={isQuestion}
          onClearQuote={() => setQuote(null)}
          onClose={() => setComposing(false)}
          onPosted={(r) => {
            setComposing(false);
            setQuote(null);
            setReplies((prev) => [...prev.filter((x) => x.id !== r.id), r]);
            setThread((prev) => prev && { ...prev, replyCount: prev.replyCount + (r.status === 'visible' ? 1 : 0) });
            Toast.show({ content: r.status === 'held' ? t('forum.replyHeld') : t('forum.replied') });
            setTimeout(() => document.getElementById(`reply-${r.id}`)?.scrollIntoView({ block: 'center' }), 50);
          }}
        />
      )}
    </NavPage>
  );
}
