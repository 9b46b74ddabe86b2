import { NumberKeyboard, PasscodeInput } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** One step of entering a six-digit payment password (new, confirm …), shared by setting and resetting it. */
export function PinStep(props: {
  step: string;
  value: string;
  onChange: (v: string) => void;
  onFill: (v: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const prompt = t(`security.pinStep.${props.step}`);
  return (
    <div className="passcode-block">
      <p>{prompt}</p>
      <PasscodeInput
        length={6}
        value={props.value}
        onChange={props.onChange}
        onFill={props.onFill}
        keyboard={<NumberKeyboard />}
        error={!!props.error}
        aria-label={prompt}
      />
      {props.error && (
        <div className="error-text" role="alert">
          {props.error}
        </div>
      )}
    </div>
  );
}
