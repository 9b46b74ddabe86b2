import { formatFen } from '@quanzi/web-kit';
import { Button } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { PinPopup, usePinConfirm } from '../../shared/pin-popup';
import { minBig } from '../invest/format';
import { useLoad } from '../../shared/use-load';
import { AmountField, validAmount } from './amount-field';
import { CardPicker, defaultCard } from './card-picker';
import { walletApi } from './wallet-api';

/** Withdrawal to the member's own card, confirmed with the 6-digit payment password on a keypad. */
export function WithdrawPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const wallet = useLoad(() => walletApi.wallet());
  const [amount, setAmount] = useState('');
  const [cardId, setCardId] = useState<string>();
  const w = wallet.data;
  const max = w ? minBig(w.available, w.withdrawalRemainingToday) : undefined;
  const card = cardId ?? (w && defaultCard(w.cards, true));
  const fen = validAmount(amount, max);

  const pin = usePinConfirm(
    (paymentPassword, key) => walletApi.withdraw(fen!, card!, paymentPassword, key),
    (order) => navigate(`/wallet/orders/${order.id}`, { replace: true }),
  );

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
            {pin.error && !pin.isOpen && (
              <div className="error-text" role="alert">
                {pin.error}
              </div>
            )}
            <Button block color="primary" size="large" disabled={!fen || !card} onClick={pin.open} data-testid="withdraw-submit">
              {t('wallet.withdraw')}
            </Button>
            <p className="hint">{t('wallet.withdrawNote', { amount: formatFen(w.withdrawalRemainingToday) })}</p>
          </>
        )}
      </div>
      <PinPopup {...pin.sheet} prompt={t('wallet.enterPin', { amount: fen ? formatFen(fen) : '' })} testId="withdraw-pin" />
    </Page>
  );
}
