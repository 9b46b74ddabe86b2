import { ImageViewer, Tag } from 'antd-mobile';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Avatar } from './avatar';
import type { Message } from './community-api';
import { imageSrc } from './links';
import type { ReactionCount } from './messages';
import { ProductMessageCard } from './product-message-card';
import { textSegments } from './text-segments';
import { chatTime } from './time';

const LONG_PRESS_MS = 450;

/** Member text as React text: http(s) URLs become outside links, everything else is escaped by React. */
export function MemberText({ text }: { text: string }) {
  return (
    <>
      {textSegments(text).map((s, i) =>
        s.type === 'link' ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow" onClick={(e) => e.stopPropagation()}>
            {s.text}
          </a>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** Verified badges beside a name: 官方 for platform staff, the expert's title for appointed experts. */
export function AuthorBadges({ author }: { author: Message['author'] }) {
  const { t } = useTranslation();
  return (
    <>
      {author.badges.includes('staff') && (
        <Tag color="primary" fill="solid">
          {t('circle.chat.staffBadge')}
        </Tag>
      )}
      {author.badges.includes('expert') && (
        <Tag color="warning" fill="solid">
          {author.badgeTitle ?? t('circle.chat.expert')}
        </Tag>
      )}
    </>
  );
}

interface Props {
  message: Message;
  viewerId: string | undefined;
  showTime: boolean;
  highlighted: boolean;
  canReact: boolean;
  onActions: (m: Message) => void;
  onReact: (m: Message, emoji: ReactionCount['emoji'], on: boolean) => void;
  onQuote: (messageId: string) => void;
}

/**
 * One message as the viewer sees it. Withdrawn, hidden and deleted messages keep their place as a
 * notice; held ones are shown to their author only, marked 待审核. Long-press (or right-click, or
 * Enter) opens the actions.
 */
export const MessageItem = memo(function MessageItem({
  message: m,
  viewerId,
  showTime,
  highlighted,
  canReact,
  onActions,
  onReact,
  onQuote,
}: Props) {
  const { t } = useTranslation();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const mine = m.author.id === viewerId;
  const time = showTime ? (
    <div className="msg-time" data-testid="msg-time">
      {chatTime(m.createdAt)}
    </div>
  ) : null;

  if (m.status === 'recalled' || m.status === 'hidden' || m.status === 'deleted') {
    return (
      <div data-testid={`msg-${m.id}`} data-seq={m.seq} data-status={m.status} id={`msg-${m.id}`}>
        {time}
        <div className="msg-notice">
          {m.status === 'recalled' ? (
            mine ? (
              t('circle.chat.recalledMine')
            ) : (
              t('circle.chat.recalledBy', { name: m.author.nickname })
            )
          ) : (
            <>
              {m.status === 'hidden' ? t('circle.chat.hidden') : t('circle.chat.deleted')}
              <Link to="/modlog">{t('circle.chat.seeModlog')}</Link>
            </>
          )}
        </div>
      </div>
    );
  }

  const press = {
    onTouchStart: () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => onActions(m), LONG_PRESS_MS);
    },
    onTouchEnd: () => clearTimeout(timer.current),
    onTouchMove: () => clearTimeout(timer.current),
    onTouchCancel: () => clearTimeout(timer.current),
    onContextMenu: (e: React.MouseEvent) => {
      e.preventDefault();
      clearTimeout(timer.current);
      onActions(m);
    },
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === 'Enter' && e.target === e.currentTarget) onActions(m);
    },
  };
  const mentioned = !!viewerId && !mine && m.mentions.includes(viewerId);
  const bare = m.kind !== 'text' && !m.text && !m.replyTo;

  return (
    <div data-testid={`msg-${m.id}`} data-seq={m.seq} data-status={m.status} data-kind={m.kind} id={`msg-${m.id}`}>
      {time}
      <div className={`msg${mine ? ' mine' : ''}${mentioned ? ' msg-mentioned' : ''}${highlighted ? ' msg-highlight' : ''}`}>
        <Avatar id={m.author.id} name={m.author.nickname} />
        <div className="msg-main">
          <div className="msg-name">
            <span className="msg-name-text" data-testid="msg-author">
              {m.author.nickname}
            </span>
            <AuthorBadges author={m.author} />
          </div>
          <div className={`msg-bubble${bare ? ' bare' : ''}`} tabIndex={0} role="article" {...press} data-testid="msg-bubble">
            {m.replyTo && (
              <div
                className="msg-quote"
                onClick={(e) => {
                  e.stopPropagation();
                  onQuote(m.replyTo!.id);
                }}
                data-testid="msg-quote"
              >
                {t('circle.chat.replyTo', { name: m.replyTo.authorNickname })}
                {m.replyTo.excerpt || t('circle.chat.quoteGone')}
              </div>
            )}
            {m.kind === 'image' && imageSrc(m.imageUrl) && (
              <img
                className="msg-image"
                src={imageSrc(m.imageUrl)}
                alt=""
                loading="lazy"
                style={imageBox(m.image)}
                onClick={(e) => {
                  e.stopPropagation();
                  ImageViewer.show({ image: imageSrc(m.imageUrl)! });
                }}
                data-testid="msg-image"
              />
            )}
            {m.kind === 'product' &&
              (m.product ? (
                <ProductMessageCard product={m.product} groupId={m.groupId} messageId={m.id} />
              ) : (
                <div className="chat-product muted">{t('circle.card.missing')}</div>
              ))}
            {m.text && (
              <div data-testid="msg-text" style={m.kind !== 'text' ? { marginTop: 6 } : undefined}>
                <MemberText text={m.text} />
              </div>
            )}
          </div>
          {m.warning && (
            <div className="msg-warning" role="note" data-testid="msg-warning">
              {m.warning}
            </div>
          )}
          {m.status === 'held' && (
            <div className="msg-held" data-testid="msg-held">
              <Tag color="warning" fill="outline">
                {t('circle.chat.held')}
              </Tag>{' '}
              {t('circle.chat.heldHint')}
            </div>
          )}
          {m.reactions.length > 0 && (
            <div className="msg-reactions" data-testid="msg-reactions">
              {m.reactions.map((r) => (
                <button
                  key={r.emoji}
                  type="button"
                  className={`reaction-chip${r.mine ? ' mine' : ''}`}
                  disabled={!canReact}
                  onClick={() => onReact(m, r.emoji, !r.mine)}
                  aria-pressed={r.mine}
                  data-testid={`reaction-${r.emoji}`}
                >
                  {r.emoji} {r.count}
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
    </div>
  );
});

/** Reserves the image's box before it loads, so the list does not jump. */
function imageBox(image: Message['image']): React.CSSProperties | undefined {
  if (!image) return undefined;
  const scale = Math.min(1, 200 / image.width, 260 / image.height);
  return { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
}
