import { formatFen, newIdempotencyKey } from '@quanzi/web-kit';
import { Button, Dialog } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../shared/use-submit';
import { AmountField, validAmount } from '../wallet/amount-field';
import { investApi, type Holding, type Product, type Redemption } from './invest-api';

/**
 * Redeem part or all of a demand cash holding: up to the product's daily T+0 limit arrives at once,
 * the rest the next day (the server splits it and says which is which).
 */
export function RedeemForm({
  holding: h,
  product: p,
  onRedeemed,
}: {
  holding: Holding;
  product: Product;
  onRedeemed: (items: Redemption[]) => void;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  // One key per attempt: a double tap or a retry after a timeout cannot redeem twice.
  const [key, setKey] = useState(newIdempotencyKey);
  const fen = validAmount(amount, h.principal);
  const { submit, submitting, error } = useSubmit(async () => {
    if (!fen) return;
    if (!(await Dialog.confirm({ content: t('invest.redeem.confirm', { amount: formatFen(fen) }) }))) return;
    try {
      const { items } = await investApi.redeem(h.id, fen, key);
      setAmount('');
      setKey(newIdempotencyKey());
      onRedeemed(items);
    } catch (err) {
      setKey(newIdempotencyKey());
      throw err;
    }
  });

  return (
    <div className="card" data-testid="redeem-form">
      <h3>{t('invest.redeem.title')}</h3>
      <AmountField value={amount} onChange={setAmount} max={h.principal} testId="redeem-amount" />
      <div className="hint buy-balance">
        <span>{t('invest.redeem.holdingLine', { amount: formatFen(h.principal) })}</span>
        <a onClick={() => setAmount(formatFen(h.principal, { grouping: false }))} data-testid="redeem-all">
          {t('invest.redeem.all')}
        </a>
      </div>
      <p className="hint">{t('invest.redeem.note', { limit: formatFen(p.t0DailyLimit) })}</p>
      {error && (
        <div className="error-text" role="alert">
          {error}
        </div>
      )}
      <Button
        block
        color="primary"
        disabled={!fen}
        loading={submitting}
        onClick={() => void submit()}
        style={{ marginTop: 12 }}
        data-testid="redeem-submit"
      >
        {fen ? t('invest.redeem.submitAmount', { amount: formatFen(fen) }) : t('invest.redeem.submit')}
      </Button>
    </div>
  );
}

/** What the server did with a redemption: the part already in the balance and the part arriving tomorrow. */
export function RedeemResult({ items }: { items: Redemption[] }) {
  const { t } = useTranslation();
  return (
    <div className="card redeem-result" role="status" data-testid="redeem-result">
      <h3>{t('invest.redeem.doneTitle')}</h3>
      {items.map((r) => (
        <div key={r.id} data-testid={`redeem-result-${r.speed}`}>
          {r.speed === 't0'
            ? t('invest.redeem.t0Done', { amount: formatFen(r.amount) })
            : t('invest.redeem.t1Done', { amount: formatFen(r.amount), date: r.settleOn })}
        </div>
      ))}
    </div>
  );
}
