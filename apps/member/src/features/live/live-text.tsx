import { LIVE_TEXT_MAX } from '@quanzi/contracts';
import { Button, Input } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { useCountdown } from '../../shared/use-countdown';
import { WaitError } from './live-api';

/**
 * The room's one-line composer (comments and questions alike): at most 200 characters; slow mode
 * (429 with Retry-After) counts down on the button; any other refusal shows the server's message.
 */
export function LiveComposer({
  placeholder,
  disabledText,
  send,
  testId,
}: {
  placeholder: string;
  /** Set when posting is closed (not live yet, ended…): shown instead of the input. */
  disabledText?: string | undefined;
  send: (text: string) => Promise<void>;
  testId: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [wait, setWait] = useCountdown();

  if (disabledText) {
    return (
      <div className="live-composer closed" data-testid={`${testId}-closed`}>
        {disabledText}
      </div>
    );
  }

  const submit = async () => {
    const body = text.trim();
    if (!body || busy || wait > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      await send(body);
      setText('');
    } catch (err) {
      if (err instanceof WaitError && err.code === 'SLOW_MODE') setWait(err.retryAfter ?? 3);
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="live-composer" data-testid={testId}>
      {(error || wait > 0) && (
        <div className={wait > 0 ? 'live-composer-wait' : 'error-text live-composer-error'} role="alert" data-testid={`${testId}-error`}>
          {wait > 0 ? t('live.slowMode', { seconds: wait }) : error}
        </div>
      )}
      <div className="live-composer-row">
        <Input
          value={text}
          onChange={setText}
          placeholder={placeholder}
          maxLength={LIVE_TEXT_MAX}
          onEnterPress={() => void submit()}
          enterKeyHint="send"
          data-testid={`${testId}-input`}
        />
        <Button
          color="primary"
          size="small"
          loading={busy}
          disabled={!text.trim() || wait > 0}
          onClick={() => void submit()}
          data-testid={`${testId}-send`}
        >
          {wait > 0 ? t('live.waitSeconds', { seconds: wait }) : t('live.send')}
        </Button>
      </div>
    </div>
  );
}
