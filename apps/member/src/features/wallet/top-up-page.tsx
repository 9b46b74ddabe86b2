import type { PaymentChannel } from '@quanzi/contracts';
import { formatFen, newIdempotencyKey } from '@quanzi/web-kit';
import { Button, Selector } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { useSubmit } from '../../shared/use-submit';
import { AmountField, validAmount } from './amount-field';
import { CardPicker, defaultCard } from './card-picker';
import { walletApi } from './wallet-api';

const QUICK = ['100', '500', '1000', '5000'];

/**
 * Top-up: amount and card, then the payment gateway's own page takes over (the member confirms
 * there); it sends them back to the order page, which waits for the gateway's signed callback.
 */
export function TopUpPage() {
  const { t } = useTranslation();
  const wallet = useLoad(() => walletApi.wallet());
  const [amount, setAmount] = useState('');
  const [cardId, setCardId] = useState<string>();
  const [picked, setPicked] = useState<PaymentChannel>();
  // One key per attempt: a double tap or a retry after a timeout cannot create two orders.
  const [key, setKey] = useState(newIdempotencyKey);
  const w = wallet.data;
  const card = cardId ?? (w && defaultCard(w.cards));
  const channel = picked && w?.channels.includes(picked) ? picked : w?.channels[0];
  const fen = validAmount(amount, w?.topUpRemainingToday);
  const { submit, submitting, error } = useSubmit(async () => {
    if (!fen || !card || !channel) return;
    try {
      const { payUrl } = await walletApi.topUp(fen, card, channel, key);
      window.location.assign(payUrl);
    } catch (err) {
      setKey(newIdempotencyKey());
      throw err;
    }
  });

  return (
    <Page title={t('wallet.topUp')}>
      <div className="page-body">
        {!w ? (
          <LoadState loading={wallet.loading} error={wallet.error} onRetry={wallet.reload} />
        ) : (
          <>
            <div className="card">
              <h3>{t('wallet.fromCard')}</h3>
              <CardPicker cards={w.cards} value={card} onChange={setCardId} />
            </div>
            <div className="card">
              <h3>{t('wallet.payWith')}</h3>
              {w.channels.length === 0 ? (
                <p className="hint">{t('wallet.noChannel')}</p>
              ) : (
                <Selector
                  columns={2}
                  options={w.channels.map((c) => ({ label: t(`wallet.channel.${c}`), value: c }))}
                  value={channel ? [channel] : []}
                  onChange={(v) => v[0] && setPicked(v[0])}
                  data-testid="top-up-channel"
                />
              )}
            </div>
            <div className="card">
              <h3>{t('wallet.topUpAmount')}</h3>
              <AmountField value={amount} onChange={setAmount} max={w.topUpRemainingToday} testId="top-up-amount" />
              <Selector
                columns={4}
                options={QUICK.map((q) => ({ label: `¥${q}`, value: q }))}
                value={QUICK.includes(amount) ? [amount] : []}
                onChange={(v) => v[0] && setAmount(v[0])}
                style={{ marginTop: 12 }}
              />
              <p className="hint">{t('wallet.todayLeft', { amount: formatFen(w.topUpRemainingToday) })}</p>
            </div>
            {error && (
              <div className="error-text" role="alert">
                {error}
              </div>
            )}
            <Button
              block
              color="primary"
              size="large"
              disabled={!fen || !card || !channel}
              loading={submitting}
              onClick={() => void submit()}
              data-testid="top-up-submit"
            >
              {fen ? t('wallet.payNow', { amount: formatFen(fen) }) : t('wallet.topUp')}
            </Button>
            <p className="hint">{t('wallet.topUpNote')}</p>
          </>
        )}
      </div>
    </Page>
  );
}
