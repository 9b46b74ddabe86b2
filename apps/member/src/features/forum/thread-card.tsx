import { parseMarkdown, plainText } from '@quanzi/web-kit';
import { Tag } from 'antd-mobile';
import { LikeOutline, MessageOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { AuthorLine } from './author-line';
import { threadPath, type ThreadSummary } from './forum-api';
import { agoText } from './time';
import { WarningBar } from './warning-bar';

/** Where a question stands, from what the list knows: accepted, answered, or waiting. */
export function QuestionState({ thread }: { thread: Pick<ThreadSummary, 'acceptedReplyId' | 'replyCount'> }) {
  const { t } = useTranslation();
  if (thread.acceptedReplyId)
    return (
      <Tag color="success" className="forum-badge" data-testid="question-state" data-state="accepted">
        {t('forum.qa.accepted')}
      </Tag>
    );
  if (thread.replyCount > 0)
    return (
      <Tag color="primary" fill="outline" className="forum-badge" data-testid="question-state" data-state="answered">
        {t('forum.qa.answers', { count: thread.replyCount })}
      </Tag>
    );
  return (
    <Tag color="warning" fill="outline" className="forum-badge" data-testid="question-state" data-state="unanswered">
      {t('forum.qa.unanswered')}
    </Tag>
  );
}

/** One thread in a list: badges, title, a plain-text preview, topics, counts; 待审核 for the author's held ones. */
export function ThreadCard({ thread: th }: { thread: ThreadSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = () => navigate(threadPath(th.id));
  const preview = plainText(parseMarkdown(th.excerpt)).replace(/\s+/g, ' ').trim();
  return (
    <article
      className="thread-card"
      role="link"
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
      data-testid={`thread-card-${th.id}`}
    >
      <div className="thread-card-title">
        {th.official && (
          <Tag color="primary" className="forum-badge" data-testid="thread-official">
            {t('forum.badge.official')}
          </Tag>
        )}
        {th.kind === 'question' && <QuestionState thread={th} />}
        {th.kind === 'live_recap' && (
          <Tag color="#fa541c" fill="outline" className="forum-badge">
            {t('forum.kind.live_recap')}
          </Tag>
        )}
        {th.status === 'held' && (
          <Tag color="warning" className="forum-badge" data-testid="thread-held">
            {t('forum.held')}
          </Tag>
        )}
        <span>{th.title}</span>
      </div>
      {th.warning && <WarningBar text={th.warning} compact />}
      {preview && <p className="thread-card-excerpt">{preview}</p>}
      {th.topics.length > 0 && (
        <div className="thread-card-topics">
          {th.topics.map((topic) => (
            <span key={topic} className="forum-topic-chip">
              #{topic}#
            </span>
          ))}
        </div>
      )}
      <div className="thread-card-foot">
        <AuthorLine author={th.author} />
        <span className="thread-card-meta">
          <span>{agoText(th.lastActivityAt, t)}</span>
          <span aria-label={t('forum.replies')}>
            <MessageOutline /> {th.replyCount}
          </span>
          <span aria-label={t('forum.likes')} className={th.liked ? 'liked' : undefined}>
            <LikeOutline /> {th.likeCount}
          </span>
        </span>
      </div>
    </article>
  );
}
