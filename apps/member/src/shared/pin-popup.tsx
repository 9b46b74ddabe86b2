import { NumberKeyboard, PasscodeInput, Popup, type PasscodeInputRef } from 'antd-mobile';
import { newIdempotencyKey } from '@quanzi/web-kit';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api';

/** The 6-digit payment password on the app's own keypad, focused as soon as the sheet is up (the wallet's pattern). */
export function PinPopup({
  visible,
  prompt,
  pin,
  onPin,
  onFill,
  onClose,
  busy,
  error,
  testId,
}: {
  visible: boolean;
  prompt: string;
  pin: string;
  onPin: (value: string) => void;
  onFill: (value: string) => void;
  onClose: () => void;
  busy: boolean;
  error: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const input = useRef<PasscodeInputRef>(null);
  return (
    <Popup
      visible={visible}
      onMaskClick={() => !busy && onClose()}
      afterShow={() => input.current?.focus()}
      bodyStyle={{ borderRadius: '12px 12px 0 0' }}
    >
      {/* Padded by the keypad's height: the keypad is its own sheet and would otherwise cover the prompt and the cells. */}
      <div className="passcode-block passcode-above-keyboard">
        <p>{prompt}</p>
        <PasscodeInput
          ref={input}
          length={6}
          value={pin}
          onChange={onPin}
          onFill={onFill}
          keyboard={<NumberKeyboard />}
          error={!!error}
          aria-label={t('security.paymentPassword')}
          data-testid={testId}
        />
        {busy && <p className="hint">{t('common.loading')}</p>}
        {error && (
          <div className="error-text" role="alert">
            {error}
          </div>
        )}
      </div>
    </Popup>
  );
}

/**
 * The payment-password step every money-moving form shares: the sheet, one Idempotency-Key per
 * attempt (a double tap or a retry after a timeout reuses it; a refused attempt is finished, so the
 * next one gets a new key), the busy flag and the server's message. `send` gets the password and
 * the key; on success the sheet closes and `onSuccess` gets the result.
 */
export function usePinConfirm<T>(send: (paymentPassword: string, key: string) => Promise<T>, onSuccess: (result: T) => void) {
  const [open, setOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [key, setKey] = useState(newIdempotencyKey);
  const confirm = async (paymentPassword: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await send(paymentPassword, key);
      setOpen(false);
      onSuccess(result);
    } catch (err) {
      setError(errorMessage(err));
      setPin('');
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };
  return {
    isOpen: open,
    /** Opens the sheet with no message from an earlier attempt. */
    open: () => {
      setError(undefined);
      setOpen(true);
    },
    /** A changed request (another funding source) is a new attempt: it must not reuse the key. */
    newAttempt: () => setKey(newIdempotencyKey()),
    error,
    /** Spread onto <PinPopup> together with a prompt and a testId. */
    sheet: { visible: open, pin, onPin: setPin, onFill: (v: string) => void confirm(v), onClose: () => setOpen(false), busy, error },
  };
}
