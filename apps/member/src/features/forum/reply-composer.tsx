import { FORUM_BODY_MAX_CHARS } from '@quanzi/contracts';
import { newIdempotencyKey, parseMarkdown, plainText } from '@quanzi/web-kit';
import { Button, Popup, TextArea } from 'antd-mobile';
import { CloseOutline } from 'antd-mobile-icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { forumApi, type ForumReply } from './forum-api';
import { MarkdownHint } from './markdown-hint';

/**
 * The reply sheet: the reply being quoted (one level: a quote, never nesting), the text with the
 * Markdown hint, and the server's message when it refuses (muted, blocked words, too new to link…).
 * One Idempotency-Key per attempt, so a double tap or a retry after a timeout posts once.
 */
export function ReplyComposer({
  threadId,
  visible,
  quote,
  isAnswer,
  onClearQuote,
  onClose,
  onPosted,
}: {
  threadId: string;
  visible: boolean;
  quote: ForumReply | null;
  isAnswer: boolean;
  onClearQuote: () => void;
  onClose: () => void;
  onPosted: (reply: ForumReply) => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [key, setKey] = useState(newIdempotencyKey);

  const send = async () => {
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const reply = await forumApi.reply(threadId, { body, ...(quote ? { quoteReplyId: quote.id } : {}) }, key);
      setBody('');
      setKey(newIdempotencyKey());
      onPosted(reply);
    } catch (err) {
      setError(errorMessage(err));
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popup visible={visible} onMaskClick={onClose} bodyStyle={{ borderRadius: '12px 12px 0 0' }} destroyOnClose={false}>
      <div className="reply-composer" data-testid="reply-composer">
        <div className="reply-composer-head">
          <b>{isAnswer ? t('forum.qa.writeAnswer') : t('forum.writeReply')}</b>
          <button type="button" className="reply-action" onClick={onClose} aria-label={t('common.cancel')}>
            <CloseOutline />
          </button>
        </div>
        {quote && (
          <div className="reply-quote composer-quote" data-testid="composer-quote">
            <span>
              {t('forum.quoting', { name: quote.author.nickname })}
              {plainText(parseMarkdown(quote.body)).slice(0, 60)}
            </span>
            <button type="button" className="reply-action" onClick={onClearQuote} aria-label={t('forum.cancelQuote')}>
              <CloseOutline />
            </button>
          </div>
        )}
        <TextArea
          value={body}
          onChange={setBody}
          placeholder={isAnswer ? t('forum.qa.answerPlaceholder') : t('forum.replyPlaceholder')}
          autoSize={{ minRows: 4, maxRows: 10 }}
          maxLength={FORUM_BODY_MAX_CHARS}
          showCount={(length) => (length > FORUM_BODY_MAX_CHARS - 500 ? `${length}/${FORUM_BODY_MAX_CHARS}` : '')}
          data-testid="reply-input"
        />
        <MarkdownHint compact />
        {error && (
          <div className="error-text" role="alert" data-testid="reply-error">
            {error}
          </div>
        )}
        <Button block color="primary" loading={busy} disabled={!body.trim()} onClick={() => void send()} data-testid="reply-send">
          {t('forum.send')}
        </Button>
      </div>
    </Popup>
  );
}
