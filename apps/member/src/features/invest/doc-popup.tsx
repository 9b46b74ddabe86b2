import { Button, List, Popup } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../suitability/levels';
import { bpsText } from './format';
import type { Product } from './invest-api';
import { useTermText } from './product-tags';

export type Doc = 'risk' | 'contract';

/** 《风险揭示书》 (the issuer's risk warning) or the contract's summary, readable before the member ticks the box. */
export function DocPopup({ product: p, doc, onClose }: { product: Product; doc: Doc | null; onClose: () => void }) {
  const { t } = useTranslation();
  const termText = useTermText();
  return (
    <Popup visible={doc !== null} onMaskClick={onClose} bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '80vh' }}>
      <div className="doc-popup" data-testid={`buy-doc-${doc ?? ''}`}>
        <h3>
          {doc === 'risk' ? t('invest.buy.riskDocTitle') : t('invest.buy.contractDocTitle')} · {p.name}
        </h3>
        <div className="doc-body">
          {doc === 'risk' ? (
            <>
              <p>{p.disclosures.riskWarning}</p>
              <p>{t(`invest.riskExplain.R${p.riskLevel}`)}</p>
              <p>{t('invest.buy.riskDocPlatform')}</p>
            </>
          ) : (
            <List style={{ '--border-top': 'none', '--border-bottom': 'none', '--padding-left': '0', '--padding-right': '0' }}>
              <List.Item extra={p.contractVersion}>{t('invest.contractVersion')}</List.Item>
              <List.Item extra={p.issuer.name}>{t('invest.issuer')}</List.Item>
              <List.Item extra={p.disclosures.custodian}>{t('invest.custodian')}</List.Item>
              <List.Item extra={`${t(`invest.type.${p.type}`)} · ${termText(p)}`}>{t('invest.productType')}</List.Item>
              <List.Item extra={`R${p.riskLevel} ${t(`invest.risk.R${p.riskLevel}`)}`}>{t('invest.riskLevel')}</List.Item>
              <List.Item extra={bpsText(p.benchmarkBps)} description={t('invest.benchmarkNote')}>
                {t('invest.benchmark')}
              </List.Item>
              <List.Item extra={`${shanghaiDate(p.saleStartsAt)} ~ ${shanghaiDate(p.saleEndsAt)}`}>{t('invest.saleWindow')}</List.Item>
              <List.Item description={p.disclosures.underlyingAssets}>{t('invest.sections.underlyingAssets')}</List.Item>
              <List.Item description={p.disclosures.fees}>{t('invest.sections.fees')}</List.Item>
              {p.disclosures.contractUrl && (
                <List.Item>
                  <a href={p.disclosures.contractUrl} target="_blank" rel="noreferrer">
                    {t('invest.contractLink', { version: p.contractVersion })}
                  </a>
                </List.Item>
              )}
            </List>
          )}
        </div>
        <Button block color="primary" onClick={onClose}>
          {t('invest.buy.docRead')}
        </Button>
      </div>
    </Popup>
  );
}
