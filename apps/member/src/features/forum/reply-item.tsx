import { parseMarkdown, plainText } from '@quanzi/web-kit';
import { ActionSheet, Button, Tag, type ActionSheetProps } from 'antd-mobile';
import { CheckCircleFill, LikeOutline, MoreOutline } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { AuthorLine } from './author-line';
import type { ForumReply } from './forum-api';
import { MarkdownView } from './markdown-view';
import { agoText } from './time';
import { WarningBar } from './warning-bar';

export interface ReplyActions {
  onLike?: (() => void) | undefined;
  onQuote?: (() => void) | undefined;
  onReport?: (() => void) | undefined;
  onDelete?: (() => void) | undefined;
  onAccept?: (() => void) | undefined;
}

/**
 * One reply (an answer, on a question): author with badges and 楼主, the reply it quotes, the body
 * through the Markdown renderer, likes and the actions this reader may take. `anchor` gives it the
 * `#reply-<id>` target that notifications and search link to.
 */
export function ReplyItem({
  reply: r,
  anchor = true,
  highlighted = false,
  isAnswer,
  actions,
}: {
  reply: ForumReply;
  anchor?: boolean;
  highlighted?: boolean;
  isAnswer: boolean;
  actions: ReplyActions;
}) {
  const { t } = useTranslation();
  const more: ActionSheetProps['actions'] = [
    ...(actions.onReport ? [{ key: 'report', text: t('forum.report'), onClick: actions.onReport }] : []),
    ...(actions.onDelete ? [{ key: 'delete', text: t('forum.delete'), danger: true, onClick: actions.onDelete }] : []),
  ];
  const showMore = () => {
    const handler = ActionSheet.show({
      actions: more.map((a) => ({ ...a, onClick: () => (handler.close(), a.onClick?.()) })),
      cancelText: t('common.cancel'),
    });
  };
  return (
    <div
      id={anchor ? `reply-${r.id}` : undefined}
      className={`reply${highlighted ? ' highlighted' : ''}${r.accepted ? ' accepted' : ''}`}
      data-testid={anchor ? `reply-${r.id}` : `accepted-${r.id}`}
    >
      <div className="reply-head">
        <AuthorLine
          author={r.author}
          extra={
            <>
              {r.byThreadAuthor && (
                <Tag color="default" fill="outline" className="forum-badge">
                  {isAnswer ? t('forum.qa.asker') : t('forum.op')}
                </Tag>
              )}
              {r.accepted && (
                <Tag color="success" className="forum-badge" data-testid="reply-accepted">
                  <CheckCircleFill /> {t('forum.qa.acceptedAnswer')}
                </Tag>
              )}
              {r.status === 'held' && (
                <Tag color="warning" className="forum-badge" data-testid="reply-held">
                  {t('forum.held')}
                </Tag>
              )}
            </>
          }
        />
        <span className="reply-time">{agoText(r.createdAt, t)}</span>
      </div>
      {r.status === 'held' && <p className="forum-held-hint">{t('forum.heldReplyHint')}</p>}
      {r.warning && <WarningBar text={r.warning} compact />}
      {r.quote && (
        <div className="reply-quote" data-testid="reply-quote">
          {r.quote.excerpt === null ? (
            <span className="muted">{t('forum.quoteGone')}</span>
          ) : (
            <>
              <b>{r.quote.authorNickname}</b>：<span>{plainText(parseMarkdown(r.quote.excerpt))}</span>
            </>
          )}
        </div>
      )}
      <MarkdownView source={r.body} className="reply-body" />
      <div className="reply-actions">
        <button
          type="button"
          className={`reply-action${r.liked ? ' liked' : ''}`}
          onClick={actions.onLike}
          disabled={!actions.onLike}
          aria-pressed={r.liked}
          data-testid="reply-like"
        >
          <LikeOutline /> {r.likeCount || t('forum.like')}
        </button>
        {actions.onQuote && (
          <button type="button" className="reply-action" onClick={actions.onQuote} data-testid="reply-quote-button">
            {t('forum.quote')}
          </button>
        )}
        {actions.onAccept && (
          <Button size="mini" color="success" fill="outline" onClick={actions.onAccept} data-testid="reply-accept">
            {t('forum.qa.accept')}
          </Button>
        )}
        {more.length > 0 && (
          <button
            type="button"
            className="reply-action reply-more"
            onClick={showMore}
            aria-label={t('forum.more')}
            data-testid="reply-more"
          >
            <MoreOutline />
          </button>
        )}
      </div>
    </div>
  );
}
