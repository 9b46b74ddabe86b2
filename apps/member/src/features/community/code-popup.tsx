import { Button, Input, Popup } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';

/** Asks for an invite code; the server's refusal (wrong or expired code) shows under the field. */
export function CodePopup({
  visible,
  onClose,
  onSubmit,
}: {
  visible: boolean;
  onClose: () => void;
  onSubmit: (code: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const value = code.trim();
    if (!value) {
      setError(t('circle.codeRequired'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(value);
      setCode('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}
      destroyOnClose
    >
      <div className="code-popup" data-testid="invite-code-popup">
        <h3>{t('circle.codeTitle')}</h3>
        <Input
          className="code-input"
          value={code}
          onChange={(v) => setCode(v.toUpperCase())}
          placeholder={t('circle.codePlaceholder')}
          maxLength={32}
          autoFocus
          clearable
          onEnterPress={() => void submit()}
          data-testid="invite-code-input"
        />
        {error && (
          <div className="error-text" role="alert" style={{ marginTop: 0, marginBottom: 12 }}>
            {error}
          </div>
        )}
        <Button block color="primary" loading={busy} onClick={() => void submit()} data-testid="invite-code-submit">
          {t('circle.codeSubmit')}
        </Button>
      </div>
    </Popup>
  );
}
