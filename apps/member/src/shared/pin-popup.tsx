import { NumberKeyboard, PasscodeInput, Popup, type PasscodeInputRef } from 'antd-mobile';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

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
