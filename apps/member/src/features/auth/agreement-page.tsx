import { AGREEMENT_VERSION } from '@quanzi/contracts';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Page } from '../../shared/page';
import { AGREEMENTS } from './agreement-texts';

export function AgreementPage() {
  const { i18n, t } = useTranslation();
  const kind = useParams().kind === 'privacy' ? 'privacy' : 'user';
  const doc = AGREEMENTS[kind][i18n.language === 'en' ? 'en' : 'zh-CN'];
  return (
    <Page title={doc.title}>
      <article className="agreement">
        <p className="muted">{t('auth.agreementVersion', { version: AGREEMENT_VERSION })}</p>
        {doc.sections.map(([heading, text]) => (
          <section key={heading}>
            <h2>{heading}</h2>
            <p>{text}</p>
          </section>
        ))}
      </article>
    </Page>
  );
}
