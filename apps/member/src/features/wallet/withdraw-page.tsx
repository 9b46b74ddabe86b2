import { formatFen, newIdempotencyKey } from '@quanzi/web-kit';
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { PinPopup } from '../../shared/pin-popup';
import { useLoad } from '../../shared/use-load';
import { AmountField, validAmount } from './amount-field';
import { CardPicker, defaultCard } from './card-picker';
import { walletApi } from './wallet-api';

const minBig = (a: string, b: string) => (BigInt(a) < BigInt(b) ? a : b);

/** Withdrawal to the member's own card, confirmed with the 6-digit payment password on a keypad. */
export function WithdrawPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const wallet = useLoad(() => walletApi.wallet());
  const [amount, setAmount] = useState('');
  const [cardId, setCardId] = useState<string>();
  const [pinOpen, setPinOpen] = useState(false);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [key, setKey] = useState(newIdempotencyKey);
  const w = wallet.data;
  const max = w ? minBig(w.available, w.withdrawalRemainingToday) : undefined;
  const card = cardId ?? (w && defaultCard(w.cards, true));
  const fen = validAmount(amount, max);

  const confirm = async (paymentPassword: string) => {
    if (!fen || !card) return;
    setBusy(true);
    setError(undefined);
    try {
      const order = await walletApi.withdraw(fen, card, paymentPassword, key);
      setPinOpen(false);
      navigate(`/wallet/orders/${order.id}`, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
      setPin('');
      // A refused attempt is finished; the next one is a new request.
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('wallet.withdraw')}>
      <div className="page-body">
        {!w ? (
          <LoadState loading={wallet.loading} error={wallet.error} onRetry={wallet.reload} />
        ) : (
          <>
            <div className="card">
              <h3>{t('wallet.toCard')}</h3>
              <CardPicker cards={w.cards} value={card} onChange={setCardId} forWithdrawal />
              <p className="hint">{t('wallet.sameCardRule')}</p>
            </div>
            <div className="card">
              <h3>{t('wallet.withdrawAmount')}</h3>
              <AmountField value={amount} onChange={setAmount} max={max} testId="withdraw-amount" />
              <div className="hint" style={{ display: 'flex', justifyContent: 'space-between', marginTop: 8 }}>
                <span>{t('wallet.availableLine', { amount: formatFen(w.available) })}</span>
                <a onClick={() => setAmount(formatFen(max!, { grouping: false }))}>{t('wallet.withdrawAll')}</a>
              </div>
              {fen && BigInt(fen) >= BigInt(w.reviewThreshold) && (
                <p className="hint" data-testid="withdraw-review-note">
                  {t('wallet.reviewNote', { amount: formatFen(w.reviewThreshold) })}
                </p>
              )}
            </div>
            {error && !pinOpen && (
              <div className="error-text" role="alert">
                {error}
              </div>
            )}
            <Button
              block
              color="primary"
              size="large"
              disabled={!fen || !card}
              onClick={() => setPinOpen(true)}
              data-testid="withdraw-submit"
            >
              {t('wallet.withdraw')}
            </Button>
            <p className="hint">{t('wallet.withdrawNote', { amount: formatFen(w.withdrawalRemainingToday) })}</p>
          </>
        )}
      </div>
      <PinPopup
        visible={pinOpen}
        prompt={t('wallet.enterPin', { amount: fen ? formatFen(fen) : '' })}
        pin={pin}
        onPin={setPin}
        onFill={(v) => void confirm(v)}
        onClose={() => setPinOpen(false)}
        busy={busy}
        error={error}
        testId="withdraw-pin"
      />
    </Page>
  );
}
