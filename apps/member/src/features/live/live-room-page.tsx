import { Button, Dialog, NoticeBar, Tabs, Tag, Toast } from 'antd-mobile';
import { CheckCircleOutline, LikeOutline, PlayOutline, SoundOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { useMe } from '../../shared/me-context';
import { MarkdownView } from '../forum/markdown-view';
import { NavPage } from '../forum/nav-page';
import { agoText } from '../forum/time';
import { liveApi, streamHref, type LiveComment, type LiveQuestion, type LiveSessionDetail } from './live-api';
import { LiveStatusTag, LiveWhen } from './live-status';
import { LiveComposer } from './live-text';
import { useLiveRoom } from './use-live-room';

type Panel = 'comments' | 'questions';

/**
 * 直播间 `/community/live/:id`: the session (title, host, status, 「观看直播」 to the external https
 * stream — we host no video), 预约 before it starts, real-time comments while live, and the question
 * queue (most upvoted first, 👍 once each, answered ones marked). The host gets 开始/结束 and
 * 标记已回答. Once over it shows the recap (the thread, or its text while the thread is not there).
 */
export function LiveRoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const room = useLiveRoom(id);
  const [chosen, setPanel] = useState<Panel>();
  const s = room.session;

  if (!s) {
    return (
      <NavPage title={t('live.room')} back="/community/live">
        <div className="page-body">
          <LoadState loading={room.loading} error={room.error} onRetry={room.reload} />
        </div>
      </NavPage>
    );
  }

  // A finished session's questions say more than its closed comment stream.
  const panel: Panel = chosen ?? (s.status === 'ended' ? 'questions' : 'comments');
  const openQuestions = room.questions.filter((q) => q.status !== 'answered').length;
  const commentsClosed = s.status === 'scheduled' ? t('live.commentsNotYet') : s.status === 'live' ? undefined : t('live.commentsClosed');
  const questionsClosed = s.status === 'scheduled' || s.status === 'live' ? undefined : t('live.questionsClosed');

  return (
    <NavPage title={t('live.room')} back="/community/live" className="live-room">
      {room.conn === 'reconnecting' && <NoticeBar content={t('common.reconnecting')} color="alert" />}
      <SessionHeader session={s} onChange={room.setSession} />
      <Tabs activeKey={panel} onChange={(k) => setPanel(k as Panel)} className="live-tabs">
        <Tabs.Tab key="comments" title={t('live.comments')} />
        <Tabs.Tab key="questions" title={openQuestions ? t('live.questionsCount', { count: openQuestions }) : t('live.questions')} />
      </Tabs>
      {panel === 'comments' ? (
        <>
          <CommentList
            comments={room.comments}
            earlier={room.earlier}
            earlierBusy={room.earlierBusy}
            onEarlier={() => void room.loadEarlier().catch((err) => Toast.show({ content: errorMessage(err) }))}
            empty={s.status === 'live' ? t('live.noCommentsLive') : t('live.noComments')}
          />
          <LiveComposer
            key="comment"
            placeholder={t('live.commentPlaceholder')}
            disabledText={commentsClosed}
            send={async (text) => room.putComment(await liveApi.comment(s.id, text))}
            testId="live-comment"
          />
        </>
      ) : (
        <>
          <QuestionList session={s} questions={room.questions} onChange={room.putQuestion} />
          <LiveComposer
            key="question"
            placeholder={t('live.questionPlaceholder')}
            disabledText={questionsClosed}
            send={async (text) => {
              const q = await liveApi.ask(s.id, text);
              room.putQuestion(q);
              if (q.status === 'held') Toast.show({ content: t('live.questionHeld') });
            }}
            testId="live-question"
          />
        </>
      )}
    </NavPage>
  );
}

function SessionHeader({ session: s, onChange }: { session: LiveSessionDetail; onChange: (s: LiveSessionDetail) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const href = streamHref(s.streamUrl);

  const run = async (work: () => Promise<Partial<LiveSessionDetail>>) => {
    setBusy(true);
    try {
      const next = await work();
      onChange({ ...s, ...next, subscribed: 'subscribed' in next ? next.subscribed! : s.subscribed, isHost: s.isHost });
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const confirmThen = async (content: string, work: () => Promise<Partial<LiveSessionDetail>>) => {
    if (await Dialog.confirm({ content, cancelText: t('common.cancel'), confirmText: t('live.confirm') })) await run(work);
  };

  return (
    <section className="live-head" data-testid="live-head">
      <div className="live-head-top">
        <LiveStatusTag status={s.status} />
        <span className="live-when">
          <LiveWhen session={s} />
        </span>
      </div>
      <h1 className="live-title" data-testid="live-title">
        {s.title}
      </h1>
      <div className="live-host" data-testid="live-host">
        <SoundOutline /> {t('live.host', { name: s.hostName })}
        {s.isHost && (
          <Tag color="primary" fill="outline" className="forum-badge" style={{ marginLeft: 6 }}>
            {t('live.youHost')}
          </Tag>
        )}
      </div>
      {s.description && (
        <p className={`live-desc${expanded ? ' expanded' : ''}`} onClick={() => setExpanded(!expanded)}>
          {s.description}
        </p>
      )}
      <div className="live-head-actions">
        {href && (s.status === 'live' || s.status === 'scheduled') && (
          <a
            className={`adm-button adm-button-${s.status === 'live' ? 'danger' : 'default'} adm-button-fill-solid adm-button-small adm-button-shape-rounded live-watch`}
            href={href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            data-testid="live-watch"
          >
            <PlayOutline /> {t('live.watch')}
          </a>
        )}
        {s.status === 'scheduled' && (
          <Button
            size="small"
            shape="rounded"
            color="primary"
            fill={s.subscribed ? 'outline' : 'solid'}
            loading={busy}
            onClick={() => void run(() => liveApi.subscribe(s.id, !s.subscribed))}
            data-testid="live-subscribe"
            data-subscribed={s.subscribed}
          >
            {s.subscribed ? t('live.subscribed') : t('live.subscribe')}
          </Button>
        )}
        {s.isHost && s.status === 'scheduled' && (
          <Button
            size="small"
            shape="rounded"
            color="danger"
            loading={busy}
            onClick={() => void confirmThen(t('live.startConfirm'), () => liveApi.start(s.id))}
            data-testid="live-start"
          >
            {t('live.start')}
          </Button>
        )}
        {s.isHost && s.status === 'live' && (
          <Button
            size="small"
            shape="rounded"
            color="warning"
            loading={busy}
            onClick={() => void confirmThen(t('live.endConfirm'), () => liveApi.end(s.id))}
            data-testid="live-end"
          >
            {t('live.end')}
          </Button>
        )}
      </div>
      {s.status === 'scheduled' && <p className="live-sub-count">{t('live.subscriberCount', { count: s.subscriberCount })}</p>}
      {href && s.status !== 'ended' && s.status !== 'cancelled' && <p className="live-external">{t('live.externalNote')}</p>}
      {s.status === 'ended' && <Recap session={s} />}
      {s.status === 'cancelled' && <p className="live-external">{t('live.cancelledNote')}</p>}
    </section>
  );
}

/** The recap: a link to its thread, or its text while the forum could not take it. */
function Recap({ session: s }: { session: LiveSessionDetail }) {
  const { t } = useTranslation();
  if (!s.recap) return <p className="live-external">{t('live.recapPending')}</p>;
  if (s.recap.threadId)
    return (
      <Link to={s.recap.link} className="live-recap-link" data-testid="live-recap-link">
        {t('live.recapLink')} ›
      </Link>
    );
  return (
    <div className="live-recap" data-testid="live-recap">
      <h3>{t('live.recap')}</h3>
      <MarkdownView source={s.recap.markdown} />
    </div>
  );
}

function LiveWarning({ warning }: { warning: LiveComment['warning'] }) {
  const { t } = useTranslation();
  if (!warning) return null;
  return (
    <div className="live-warning" role="note" data-testid="live-warning">
      {t(`live.warning.${warning}`)}
    </div>
  );
}

function AuthorName({ author, colon = false }: { author: LiveComment['author']; colon?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="live-author">
      <span className="live-author-name">{author.nickname}</span>
      {author.badges.includes('staff') && <span className="live-badge staff">{t('forum.badge.staff')}</span>}
      {author.badges.includes('expert') && <span className="live-badge expert">{t('forum.badge.expert')}</span>}
      {colon && <span className="live-colon">：</span>}
    </span>
  );
}

/** The comment stream, oldest at the top; it follows new comments while the member is at the bottom. */
function CommentList({
  comments,
  earlier,
  earlierBusy,
  onEarlier,
  empty,
}: {
  comments: LiveComment[];
  earlier: string | null;
  earlierBusy: boolean;
  onEarlier: () => void;
  empty: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useMe();
  const box = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const last = comments.at(-1)?.id;
  useEffect(() => {
    const el = box.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [last]);

  return (
    <div
      className="live-panel"
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
      data-testid="live-comments"
    >
      {earlier && (
        <Button block size="small" fill="none" color="primary" loading={earlierBusy} onClick={onEarlier}>
          {t('live.earlier')}
        </Button>
      )}
      {comments.length === 0 && <p className="live-empty">{empty}</p>}
      {comments.map((c) => (
        <div key={c.id} className="live-comment" data-testid={`live-comment-${c.id}`}>
          <AuthorName author={c.author} colon />
          <span className="live-comment-body">{c.body}</span>
          {c.status === 'held' && <span className="live-held">{t('live.held')}</span>}
          {me && c.author.id !== me.id && c.status === 'visible' && (
            <button
              type="button"
              className="live-report"
              onClick={() =>
                navigate(`/community/report?type=live_comment&id=${encodeURIComponent(c.id)}`, {
                  state: { preview: { author: c.author.nickname, text: c.body } },
                })
              }
            >
              {t('live.report')}
            </button>
          )}
          <LiveWarning warning={c.warning} />
        </div>
      ))}
    </div>
  );
}

/** The question queue: 👍 once per member, answered ones marked; the host marks them answered. */
function QuestionList({
  session: s,
  questions,
  onChange,
}: {
  session: LiveSessionDetail;
  questions: LiveQuestion[];
  onChange: (q: LiveQuestion) => void;
}) {
  const { t } = useTranslation();
  const { me } = useMe();
  const [busy, setBusy] = useState<string>();
  const act = async (q: LiveQuestion, work: () => Promise<LiveQuestion>) => {
    setBusy(q.id);
    try {
      onChange(await work());
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(undefined);
    }
  };
  const open = s.status === 'scheduled' || s.status === 'live';
  return (
    <div className="live-panel" data-testid="live-questions">
      {questions.length === 0 && <p className="live-empty">{open ? t('live.noQuestionsOpen') : t('live.noQuestions')}</p>}
      {questions.map((q) => {
        const answered = q.status === 'answered';
        const mine = me?.id === q.author.id;
        return (
          <div
            key={q.id}
            className={`live-question${answered ? ' answered' : ''}`}
            data-testid={`live-question-${q.id}`}
            data-status={q.status}
          >
            <div className="live-question-main">
              <div className="live-question-body">{q.body}</div>
              <div className="live-question-meta">
                <AuthorName author={q.author} />
                <span>{agoText(q.createdAt, t)}</span>
                {answered && (
                  <Tag color="success" fill="outline" data-testid="question-answered">
                    <CheckCircleOutline /> {t('live.answered')}
                  </Tag>
                )}
                {q.status === 'held' && <span className="live-held">{t('live.held')}</span>}
              </div>
              <LiveWarning warning={q.warning} />
              {s.isHost && q.status === 'open' && s.status === 'live' && (
                <Button
                  size="mini"
                  color="success"
                  fill="outline"
                  loading={busy === q.id}
                  onClick={() => void act(q, () => liveApi.markAnswered(q.id))}
                  data-testid="question-mark-answered"
                >
                  {t('live.markAnswered')}
                </Button>
              )}
            </div>
            <button
              type="button"
              className={`live-upvote${q.upvotedByMe ? ' voted' : ''}`}
              disabled={q.upvotedByMe || mine || !open || q.status === 'held' || busy === q.id}
              onClick={() => void act(q, () => liveApi.upvote(q.id))}
              aria-pressed={q.upvotedByMe}
              aria-label={q.upvotedByMe ? t('live.upvoted') : t('live.upvote')}
              data-testid="question-upvote"
            >
              <LikeOutline />
              <span>{q.upvotes}</span>
            </button>
          </div>
        );
      })}
    </div>
  );
}
