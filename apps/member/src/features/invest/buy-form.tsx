import type { Wallet } from '@quanzi/contracts';
import { formatFen } from '@quanzi/web-kit';
import { Button, Checkbox, NoticeBar, Selector, Stepper } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../shared/me-context';
import { shanghaiDate } from '../suitability/levels';
import { AmountField, validAmount } from '../wallet/amount-field';
import { DocPopup, type Doc } from './doc-popup';
import { addDays, bpsText, estimatedReturn, minBig } from './format';
import { investApi, type Product, type PurchaseResponse } from './invest-api';
import { PinPopup, usePinConfirm } from '../../shared/pin-popup';
import { RiskTag, TypeTag } from './product-tags';
import { CouponPicker } from '../coupons/coupon-picker';

type FundedBy = 'cash' | 'experience';

/**
 * Amount, term, funding and the risk/contract acceptance, then the payment password. The estimate
 * uses the server's formula and is labelled as what it is; the contract version the member accepted
 * travels with the purchase.
 */
export function BuyForm({
  product: p,
  wallet: w,
  source,
  onDone,
}: {
  product: Product;
  wallet: Wallet;
  source: string | undefined;
  onDone: (result: PurchaseResponse) => void;
}) {
  const { t } = useTranslation();
  const { me } = useMe();
  const canUseExperience = p.experienceAllowed && BigInt(w.experience) > 0n;
  const [fundedBy, setFundedBy] = useState<FundedBy>('cash');
  const [amount, setAmount] = useState('');
  const [term, setTerm] = useState(p.termMinDays ?? 0);
  const [accepted, setAccepted] = useState(false);
  const [doc, setDoc] = useState<Doc | null>(null);
  const [couponId, setCouponId] = useState<string | null>(null);
  const experience = fundedBy === 'experience';
  const max = experience ? w.experience : minBig(w.available, p.remainingQuota);
  const fen = validAmount(amount, max);
  // Experience money has no minimum (the platform's own money); cash purchases start at the product's minimum.
  const belowMin = !experience && fen !== null && BigInt(fen) < BigInt(p.minAmount);
  const fixed = p.type === 'fixed' && p.termMinDays !== null && p.termMaxDays !== null;
  const termOk = !fixed || (term >= p.termMinDays! && term <= p.termMaxDays!);
  const hasPin = me?.hasPaymentPassword ?? false;
  const ready = fen !== null && !belowMin && termOk && accepted && hasPin;
  const valueDate = addDays(shanghaiDate(new Date().toISOString()), 1);

  const pin = usePinConfirm(
    (paymentPassword, key) =>
      investApi.purchase(
        {
          productId: p.id,
          amount: fen!,
          ...(fixed ? { termDays: term } : {}),
          paymentPassword,
          fundedBy,
          acceptedContractVersion: p.contractVersion,
          ...(source ? { source } : {}),
          ...(couponId && !experience ? { couponId } : {}),
        },
        key,
      ),
    onDone,
  );

  return (
    <>
      <div className="card">
        <div className="product-name">{p.name}</div>
        <div className="product-tags" style={{ margin: '8px 0 4px' }}>
          <TypeTag type={p.type} />
          <RiskTag level={p.riskLevel} />
        </div>
        <div className="muted">
          {t('invest.benchmark')} {bpsText(p.benchmarkBps)} · {p.issuer.name}
        </div>
      </div>

      {canUseExperience && (
        <div className="card">
          <h3>{t('invest.buy.fundedBy')}</h3>
          <Selector
            columns={2}
            options={[
              { label: t('invest.buy.fundCash', { amount: formatFen(w.available) }), value: 'cash' },
              { label: t('invest.buy.fundExperience', { amount: formatFen(w.experience) }), value: 'experience' },
            ]}
            value={[fundedBy]}
            onChange={(v) => {
              if (!v[0]) return;
              setFundedBy(v[0] as FundedBy);
              pin.newAttempt();
            }}
            data-testid="buy-funded-by"
          />
          {experience && <p className="hint">{t('invest.buy.experienceHint')}</p>}
        </div>
      )}

      <div className="card">
        <h3>{t('invest.buy.amount')}</h3>
        <AmountField value={amount} onChange={setAmount} max={max} testId="buy-amount" />
        {belowMin && <div className="error-text">{t('invest.buy.belowMin', { amount: formatFen(p.minAmount) })}</div>}
        <div className="hint buy-balance">
          <span>
            {experience
              ? t('invest.buy.experienceLine', { amount: formatFen(w.experience) })
              : t('invest.buy.availableLine', { amount: formatFen(w.available) })}
          </span>
          {!experience && (
            <Link to="/wallet/top-up" data-testid="buy-top-up">
              {t('invest.buy.topUp')}
            </Link>
          )}
        </div>
        {!experience && <p className="hint">{t('invest.buy.minHint', { amount: formatFen(p.minAmount) })}</p>}
      </div>

      {!experience && (
        <CouponPicker
          product={p}
          amountFen={fen}
          termDays={fixed ? term : null}
          value={couponId}
          onChange={(id) => {
            setCouponId(id);
            pin.newAttempt();
          }}
        />
      )}

      {fixed && (
        <div className="card">
          <h3>{t('invest.buy.term')}</h3>
          {p.termMinDays === p.termMaxDays ? (
            <div className="term-fixed">{t('invest.termDays', { days: p.termMinDays })}</div>
          ) : (
            <div className="term-row">
              <Stepper
                min={p.termMinDays!}
                max={p.termMaxDays!}
                step={1}
                digits={0}
                value={term}
                onChange={(v) => setTerm(Number(v))}
                data-testid="buy-term"
              />
              <span className="hint-inline">{t('invest.buy.termBounds', { min: p.termMinDays, max: p.termMaxDays })}</span>
            </div>
          )}
          <div className="estimate" data-testid="buy-estimate">
            <div className="muted">{t('invest.buy.estimate')}</div>
            <div className="estimate-value">{fen && termOk ? `¥${formatFen(estimatedReturn(fen, p.benchmarkBps, term))}` : '--'}</div>
          </div>
          <p className="hint">{t('invest.buy.dates', { valueDate, maturity: termOk ? addDays(valueDate, term) : '--' })}</p>
        </div>
      )}
      {!fixed && (
        <p className="hint" style={{ marginBottom: 12 }}>
          {t('invest.buy.demandDates', { valueDate })}
        </p>
      )}

      <div className="buy-accept">
        <Checkbox
          checked={accepted}
          onChange={setAccepted}
          style={{ '--icon-size': '18px', '--font-size': '13px' }}
          data-testid="buy-accept"
        >
          {t('invest.buy.acceptPrefix')}
        </Checkbox>
        {/* The document names sit outside the checkbox label, so tapping them opens the text instead of ticking the box. */}
        <span className="buy-accept-docs">
          <a onClick={() => setDoc('risk')} data-testid="buy-risk-doc">
            {t('invest.buy.riskDoc')}
          </a>
          {t('invest.buy.and')}
          <a onClick={() => setDoc('contract')} data-testid="buy-contract-doc">
            {t('invest.buy.contractDoc')}
          </a>
          {t('invest.buy.version', { version: p.contractVersion })}
        </span>
      </div>

      {!hasPin && (
        <NoticeBar
          color="alert"
          wrap
          content={t('invest.buy.noPin')}
          extra={
            <Link to="/me/security/payment-password" style={{ whiteSpace: 'nowrap' }}>
              {t('invest.buy.setPin')}
            </Link>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {pin.error && !pin.isOpen && (
        <div className="error-text" role="alert" data-testid="buy-error">
          {pin.error}
        </div>
      )}
      <Button block color="primary" size="large" disabled={!ready} onClick={pin.open} data-testid="buy-submit" style={{ marginTop: 12 }}>
        {fen ? t('invest.buy.confirmAmount', { amount: formatFen(fen) }) : t('invest.buy.confirm')}
      </Button>
      <div className="risk-note" style={{ marginTop: 16 }}>
        {t('common.riskNote')}
      </div>

      <DocPopup product={p} doc={doc} onClose={() => setDoc(null)} />
      <PinPopup {...pin.sheet} prompt={t('invest.buy.enterPin', { amount: fen ? formatFen(fen) : '' })} testId="buy-pin" />
    </>
  );
}
