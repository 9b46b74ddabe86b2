import type { SuitabilityStatus } from '@quanzi/contracts';
import { Button, ErrorBlock, Result } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useMemberEvent } from '../../shared/realtime';
import { useLoad } from '../../shared/use-load';
import { suitabilityApi } from '../suitability/suitability-api';
import { walletApi } from '../wallet/wallet-api';
import { BuyForm } from './buy-form';
import { BuyResult } from './buy-result';
import { levelNumber, saleState } from './format';
import { investApi, type Product, type PurchaseResponse } from './invest-api';
import { useSaleReason } from './product-tags';

/**
 * 购买: only a member whose valid risk level covers the product's risk sees the form; anyone else is
 * told why and sent to the questionnaire, which brings them back here.
 */
export function BuyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const product = useLoad(() => investApi.product(id), [id]);
  const suitability = useLoad(() => suitabilityApi.status());
  const wallet = useLoad(() => walletApi.wallet());
  const { reload: reloadWallet } = wallet;
  useMemberEvent('wallet.changed', reloadWallet);
  const saleReason = useSaleReason();
  const [result, setResult] = useState<PurchaseResponse>();
  const p = product.data;
  const s = suitability.data;
  const w = wallet.data;
  const state = p ? saleState(p) : 'open';

  return (
    <Page title={t('invest.buy.title')}>
      <div className="page-body">
        {result ? (
          <BuyResult result={result} />
        ) : !p || !s || !w ? (
          <LoadState
            loading={product.loading || suitability.loading || wallet.loading}
            error={product.error ?? suitability.error ?? wallet.error}
            onRetry={() => {
              void product.reload();
              void suitability.reload();
              void wallet.reload();
            }}
          />
        ) : state !== 'open' ? (
          <ErrorBlock status="default" title={saleReason(p, state)} description={p.name}>
            <Button onClick={() => navigate('/invest')}>{t('invest.buy.backToInvest')}</Button>
          </ErrorBlock>
        ) : !covers(s, p) ? (
          <SuitabilityGate status={s} product={p} />
        ) : (
          <BuyForm product={p} wallet={w} source={params.get('source')?.slice(0, 120) || undefined} onDone={setResult} />
        )}
      </div>
    </Page>
  );
}

const covers = (s: SuitabilityStatus, p: Product) => s.level !== null && !s.expired && levelNumber(s.level) >= p.riskLevel;

function SuitabilityGate({ status, product }: { status: SuitabilityStatus; product: Product }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const mismatch = status.level !== null && !status.expired;
  return (
    <div className="card" data-testid="suitability-required">
      <Result
        status="warning"
        title={mismatch ? t('invest.buy.mismatchTitle') : t('invest.buy.assessTitle')}
        description={
          mismatch
            ? t('invest.buy.mismatch', {
                risk: product.riskLevel,
                riskName: t(`invest.risk.R${product.riskLevel}`),
                level: status.level,
                name: status.levelName,
              })
            : t('invest.buy.assessNeeded')
        }
      />
      <Button
        block
        color="primary"
        size="large"
        onClick={() => navigate(`/suitability?next=${encodeURIComponent(here)}`)}
        data-testid="suitability-go"
      >
        {mismatch ? t('invest.buy.reassess') : t('invest.buy.assess')}
      </Button>
    </div>
  );
}
