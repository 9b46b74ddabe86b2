import { MESSAGE_MAX_CHARS } from '@quanzi/contracts';
import { Button, TextArea, type TextAreaRef } from 'antd-mobile';
import { PictureOutline, ShopbagOutline } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../shared/api';
import { useCountdown } from '../../shared/use-countdown';
import { communityApi, WaitError, type Message, type PostBody } from './community-api';
import { charCount, insertMention, mentionIds, typedAt, type PickedMention } from './mentions';
import { MemberPicker, ProductPicker } from './pickers';

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif';
/** The API's image size limit (2 MB); the server checks it again, with type and pixel limits. */
const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

interface Props {
  groupId: string;
  viewerId: string | undefined;
  /** Owners and admins: slow mode does not apply. */
  staff: boolean;
  slowModeSeconds: number;
  replyTo: Message | null;
  onCancelReply: () => void;
  onSent: (m: Message) => void;
}

/**
 * Writing a message: text up to 2,000 characters with a counter, a quoted reply, @mentions picked
 * from the group's members, images (uploaded first, then posted), and product cards (every member;
 * newcomers a few a day; the card shows the risk warning, suitability is checked at purchase). Refusals show the server's own message; slow mode counts down before the next post.
 */
export function Composer({ groupId, viewerId, staff, slowModeSeconds, replyTo, onCancelReply, onSent }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<PickedMention[]>([]);
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();
  const [wait, setWait] = useCountdown();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [productsOpen, setProductsOpen] = useState(false);
  const input = useRef<TextAreaRef>(null);
  const file = useRef<HTMLInputElement>(null);
  const caret = useRef(0);

  useEffect(() => {
    if (replyTo) input.current?.focus();
  }, [replyTo]);

  const count = charCount(text);
  const over = count > MESSAGE_MAX_CHARS;
  const busy = sending || uploading;
  const waiting = !staff && wait > 0;
  const [slowError, setSlowError] = useState(false);
  // The slow-mode refusal stays up only while its countdown runs.
  useEffect(() => {
    if (slowError && wait <= 0) {
      setSlowError(false);
      setError(undefined);
    }
  }, [slowError, wait]);

  const post = async (body: PostBody): Promise<boolean> => {
    setError(undefined);
    try {
      const m = await communityApi.post(groupId, { ...body, ...(replyTo ? { replyToId: replyTo.id } : {}) });
      onSent(m);
      onCancelReply();
      if (!staff && slowModeSeconds > 0) setWait(slowModeSeconds);
      return true;
    } catch (err) {
      if (err instanceof WaitError && err.code === 'SLOW_MODE') {
        setWait(err.retryAfter ?? Number(/\d+/.exec(err.message)?.[0] ?? slowModeSeconds));
        setSlowError(true);
      }
      setError(errorMessage(err));
      return false;
    }
  };

  const sendText = async () => {
    const body = text.trim();
    if (!body || over || busy || waiting) return;
    setSending(true);
    const mentions = mentionIds(text, picked);
    const ok = await post({ text: body, ...(mentions.length ? { mentions } : {}) });
    setSending(false);
    // Clear only what was sent: the member may have typed the next message while this one was on its way.
    if (ok) {
      setText((current) => (current.trim() === body ? '' : current));
      setPicked([]);
    }
  };

  const sendImage = async (f: File) => {
    setError(undefined);
    // The server decides from the bytes; this only spares uploading what it would refuse by size.
    if (f.size > IMAGE_MAX_BYTES) {
      setError(t('circle.errors.imageSize', { maxKb: IMAGE_MAX_BYTES / 1024 }));
      return;
    }
    setUploading(true);
    try {
      const image = await communityApi.uploadImage(groupId, f);
      await post({ imageId: image.id });
    } catch (err) {
      // Refused before the image check runs (a type or size the endpoint does not take at all):
      // say it in terms of images rather than the generic request wording.
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'UNSUPPORTED_MEDIA_TYPE') setError(t('circle.errors.imageType'));
      else if (code === 'PAYLOAD_TOO_LARGE') setError(t('circle.errors.imageSize', { maxKb: IMAGE_MAX_BYTES / 1024 }));
      else setError(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };

  const onChange = (value: string) => {
    const el = input.current?.nativeElement;
    const at = el?.selectionStart ?? value.length;
    if (typedAt(text, value, at)) {
      caret.current = at;
      setPickerOpen(true);
    }
    setText(value);
  };

  const pick = (nickname: string, id: string) => {
    setPickerOpen(false);
    const next = insertMention(text, caret.current, nickname);
    setText(next.text);
    setPicked((prev) => (prev.some((p) => p.id === id) ? prev : [...prev, { id, nickname }]));
    requestAnimationFrame(() => {
      const el = input.current?.nativeElement;
      input.current?.focus();
      el?.setSelectionRange(next.caret, next.caret);
    });
  };

  return (
    <div className="composer" data-testid="composer">
      {replyTo && (
        <div className="composer-reply" data-testid="composer-reply">
          <span className="composer-reply-text">
            {t('circle.chat.replying', { name: replyTo.author.nickname })}：
            {replyTo.text ||
              (replyTo.kind === 'image' ? t('circle.chat.imageLabel') : replyTo.kind === 'product' ? t('circle.chat.productLabel') : '')}
          </span>
          <button type="button" onClick={onCancelReply} aria-label={t('circle.chat.cancelReply')} data-testid="composer-reply-cancel">
            ✕
          </button>
        </div>
      )}
      {error && (
        <div className="composer-error" role="alert" data-testid="composer-error">
          {error}
        </div>
      )}
      <div className="composer-row">
        <button
          type="button"
          className="composer-tool"
          onClick={() => file.current?.click()}
          disabled={busy || waiting}
          aria-label={t('circle.chat.image')}
          data-testid="composer-image"
        >
          <PictureOutline />
        </button>
        <button
          type="button"
          className="composer-tool"
          onClick={() => setProductsOpen(true)}
          disabled={busy || waiting}
          aria-label={t('circle.chat.product')}
          data-testid="composer-product"
        >
          <ShopbagOutline />
        </button>
        <input
          ref={file}
          type="file"
          accept={IMAGE_TYPES}
          hidden
          data-testid="composer-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void sendImage(f);
          }}
        />
        <div className="composer-input">
          <TextArea
            ref={input}
            value={text}
            onChange={onChange}
            placeholder={t('circle.chat.placeholder')}
            autoSize={{ minRows: 1, maxRows: 5 }}
            rows={1}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void sendText();
              }
            }}
            aria-label={t('circle.chat.placeholder')}
            data-testid="composer-input"
          />
        </div>
        <Button
          className="composer-send"
          color="primary"
          size="small"
          disabled={!text.trim() || over || busy || waiting}
          loading={sending}
          onClick={() => void sendText()}
          data-testid="composer-send"
        >
          {waiting ? t('circle.chat.waitSeconds', { seconds: wait }) : t('circle.chat.send')}
        </Button>
      </div>
      <div className="composer-meta">
        <span data-testid="composer-status">
          {uploading ? t('circle.chat.uploading') : waiting && !error ? t('circle.chat.slowWait', { seconds: wait }) : ''}
        </span>
        <span className={over ? 'over' : ''} data-testid="composer-counter">
          {count > 0 ? `${count}/${MESSAGE_MAX_CHARS}` : ''}
          {over ? ` · ${t('circle.chat.tooLong', { max: MESSAGE_MAX_CHARS })}` : ''}
        </span>
      </div>
      <MemberPicker
        groupId={groupId}
        visible={pickerOpen}
        viewerId={viewerId}
        onClose={() => {
          setPickerOpen(false);
          input.current?.focus();
        }}
        onPick={(m) => pick(m.member.nickname, m.member.id)}
      />
      <ProductPicker
        visible={productsOpen}
        onClose={() => setProductsOpen(false)}
        onPick={(p) => {
          setProductsOpen(false);
          setSending(true);
          void post({ productId: p.id }).finally(() => setSending(false));
        }}
      />
    </div>
  );
}
