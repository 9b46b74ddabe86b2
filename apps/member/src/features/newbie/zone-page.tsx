import { Button, Collapse, Empty, NoticeBar, Steps } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { ProductCard } from '../invest/product-card';
import { newbieApi } from './newbie-api';
import './locales';

/** The newbie zone (新手专区): whether newbie-only products are still open to me, the products, the privileges and the guide. */
export function ZonePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad(() => Promise.all([newbieApi.zone(), newbieApi.guide()]));
  if (!data) {
    return (
      <Page title={t('newbie.zoneTitle')}>
        <LoadState loading={loading} error={error} onRetry={reload} />
      </Page>
    );
  }
  const [zone, guide] = data;
  return (
    <Page title={t('newbie.zoneTitle')}>
      <NoticeBar
        data-testid="newbie-eligibility"
        color={zone.eligible ? 'info' : 'alert'}
        content={zone.eligible ? t('newbie.eligible') : t('newbie.notEligible')}
        wrap
      />
      <div className="card">
        <h3>{t('newbie.productsTitle')}</h3>
        {zone.products.length === 0 && <Empty description={t('newbie.noProducts')} />}
      </div>
      {zone.products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
      {zone.privileges.length > 0 && (
        <div className="card" data-testid="newbie-privileges">
          <h3>{t('newbie.privilegesTitle')}</h3>
          {zone.privileges.map((p) => (
            <div key={p.id} className="newbie-privilege">
              <strong>{p.title}</strong>
              <p className="muted">{p.body}</p>
            </div>
          ))}
        </div>
      )}
      <div className="card" data-testid="newbie-guide">
        <h3>{t('newbie.stepsTitle')}</h3>
        {guide.steps.length === 0 && guide.articles.length === 0 ? (
          <Empty description={t('newbie.noGuide')} />
        ) : (
          <Steps direction="vertical">
            {guide.steps.map((s) => (
              <Steps.Step key={s.id} title={s.title} description={s.body} status="process" />
            ))}
          </Steps>
        )}
        {guide.articles.length > 0 && (
          <>
            <h3>{t('newbie.articlesTitle')}</h3>
            <Collapse>
              {guide.articles.map((a) => (
                <Collapse.Panel key={a.id} title={a.title}>
                  <p style={{ whiteSpace: 'pre-wrap' }}>{a.body}</p>
                </Collapse.Panel>
              ))}
            </Collapse>
          </>
        )}
      </div>
      <div className="card">
        <Button block color="primary" fill="outline" onClick={() => navigate('/tasks')} data-testid="newbie-view-tasks">
          {t('newbie.viewTasks')}
        </Button>
      </div>
      <div className="risk-note">{t('common.riskNote')}</div>
    </Page>
  );
}
