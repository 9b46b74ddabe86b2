import { formatFen } from '@quanzi/web-kit';
import { Button, Collapse, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { shanghaiDate } from '../suitability/levels';
import { bpsText, saleState } from './format';
import { investApi } from './invest-api';
import { NewbieOnlyTag, RiskTag, TypeTag, useSaleReason, useTermText } from './product-tags';

/** The buy page's address, carrying where the member came from (a group message's card, a campaign). */
export function buyPath(productId: string, source: string | null): string {
  return `/products/${productId}/buy${source ? `?source=${encodeURIComponent(source)}` : ''}`;
}

/** A product as its contract describes it: issuer, custodian, term, risk, benchmark with its caveat, limits and the four disclosures. */
export function ProductPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const product = useLoad(() => investApi.product(id), [id]);
  const termText = useTermText();
  const saleReason = useSaleReason();
  const p = product.data;
  const state = p ? saleState(p) : 'open';

  return (
    <Page title={t('invest.productTitle')}>
      <div className="page-body">
        {!p ? (
          <LoadState loading={product.loading} error={product.error} onRetry={product.reload} />
        ) : (
          <>
            <div className="card">
              <div className="product-name large" data-testid="product-name">
                {p.name}
              </div>
              <div className="product-tags" style={{ margin: '8px 0' }}>
                {p.newbieOnly && <NewbieOnlyTag />}
                <TypeTag type={p.type} />
                <RiskTag level={p.riskLevel} />
              </div>
              {p.newbieOnly && <p className="hint">{t('invest.newbieOnlyHint')}</p>}
              <div className="product-figures two">
                <div>
                  <div className="product-benchmark">{bpsText(p.benchmarkBps)}</div>
                  <div className="hint-inline">{t('invest.benchmark')}</div>
                </div>
                {p.type === 'demand' && p.latestYieldPer10k ? (
                  <div>
                    <div className="product-figure">{p.latestYieldPer10k.value}</div>
                    <div className="hint-inline">{t('invest.latestYield', { day: p.latestYieldPer10k.day })}</div>
                  </div>
                ) : (
                  <div>
                    <div className="product-figure">{termText(p)}</div>
                    <div className="hint-inline">{t('invest.term')}</div>
                  </div>
                )}
              </div>
              <p className="hint benchmark-note">{t('invest.benchmarkNote')}</p>
            </div>

            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <List>
                <List.Item extra={p.code}>{t('invest.code')}</List.Item>
                <List.Item extra={p.issuer.name} description={t(`invest.issuerKind.${p.issuer.kind}`)}>
                  {t('invest.issuer')}
                </List.Item>
                <List.Item extra={p.disclosures.custodian}>{t('invest.custodian')}</List.Item>
                <List.Item extra={t(`invest.type.${p.type}`)}>{t('invest.productType')}</List.Item>
                <List.Item extra={termText(p)}>{t('invest.term')}</List.Item>
                <List.Item extra={<RiskTag level={p.riskLevel} />} description={t(`invest.riskExplain.R${p.riskLevel}`)}>
                  {t('invest.riskLevel')}
                </List.Item>
                <List.Item extra={`¥${formatFen(p.minAmount)}`}>{t('invest.minAmount')}</List.Item>
                <List.Item extra={`¥${formatFen(p.maxPerPerson)}`}>{t('invest.perPerson')}</List.Item>
                <List.Item extra={state === 'soldOut' ? t('invest.soldOut') : `¥${formatFen(p.remainingQuota)}`}>
                  {t('invest.remainingQuota')}
                </List.Item>
                <List.Item extra={`${shanghaiDate(p.saleStartsAt)} ~ ${shanghaiDate(p.saleEndsAt)}`}>{t('invest.saleWindow')}</List.Item>
                {p.type === 'demand' && (
                  <List.Item extra={`¥${formatFen(p.t0DailyLimit)}`} description={t('invest.t0LimitNote')}>
                    {t('invest.t0Limit')}
                  </List.Item>
                )}
                {p.experienceAllowed && <List.Item extra={t('invest.yes')}>{t('invest.experienceAllowed')}</List.Item>}
                <List.Item extra={p.contractVersion}>{t('invest.contractVersion')}</List.Item>
              </List>
            </div>

            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <Collapse>
                <Collapse.Panel key="assets" title={t('invest.sections.underlyingAssets')}>
                  <p className="disclosure-text">{p.disclosures.underlyingAssets}</p>
                </Collapse.Panel>
                <Collapse.Panel key="custodian" title={t('invest.sections.custodian')}>
                  <p className="disclosure-text">{p.disclosures.custodian}</p>
                </Collapse.Panel>
                <Collapse.Panel key="fees" title={t('invest.sections.fees')}>
                  <p className="disclosure-text">{p.disclosures.fees}</p>
                </Collapse.Panel>
                <Collapse.Panel key="risk" title={t('invest.sections.riskWarning')}>
                  <p className="disclosure-text">{p.disclosures.riskWarning}</p>
                </Collapse.Panel>
              </Collapse>
              {p.disclosures.contractUrl && (
                <p className="hint" style={{ padding: '8px 16px 12px' }}>
                  <a href={p.disclosures.contractUrl} target="_blank" rel="noreferrer">
                    {t('invest.contractLink', { version: p.contractVersion })}
                  </a>
                </p>
              )}
            </div>
            <div className="risk-note">{t('common.riskNote')}</div>
          </>
        )}
      </div>
      {p && (
        <div className="bottom-bar">
          <Button
            block
            color="primary"
            size="large"
            disabled={state !== 'open'}
            onClick={() => navigate(buyPath(p.id, params.get('source')))}
            data-testid="product-buy"
            data-track="buy_clicked"
          >
            {state === 'open' ? t('invest.buyNow') : saleReason(p, state)}
          </Button>
        </div>
      )}
    </Page>
  );
}
