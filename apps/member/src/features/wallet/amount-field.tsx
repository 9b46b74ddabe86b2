import { formatFen, yuanInputToFen } from '@quanzi/web-kit';
import { Input } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

/** A yuan amount as the member types it; the parent gets fen (or null while it is not a valid amount). */
export function AmountField({
  value,
  onChange,
  max,
  testId,
}: {
  value: string;
  onChange: (text: string) => void;
  max?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const fen = yuanInputToFen(value);
  const over = fen !== null && max !== undefined && BigInt(fen) > BigInt(max);
  return (
    <div className="amount-field">
      <div className="amount-input">
        <span className="currency">¥</span>
        <Input
          value={value}
          onChange={(text) => onChange(text.replace(/[^\d.]/g, ''))}
          inputMode="decimal"
          placeholder={t('wallet.amountPlaceholder')}
          aria-label={t('wallet.amount')}
          data-testid={testId}
          clearable
        />
      </div>
      {value !== '' && fen === null && <div className="error-text">{t('wallet.amountInvalid')}</div>}
      {over && <div className="error-text">{t('wallet.amountOver', { max: formatFen(max!) })}</div>}
    </div>
  );
}

/** Fen for a valid amount within `max`, else null. */
export function validAmount(text: string, max?: string): string | null {
  const fen = yuanInputToFen(text);
  if (fen === null) return null;
  return max !== undefined && BigInt(fen) > BigInt(max) ? null : fen;
}
