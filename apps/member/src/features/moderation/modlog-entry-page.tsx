import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { NavPage } from '../forum/nav-page';
import { ModlogEntryCard } from './modlog-entry';
import { moderationApi } from './moderation-api';

/** One entry of the public log `/modlog/:id` (public): what moderation notices link to once an action cannot be appealed. */
export function ModlogEntryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const entry = useLoad(() => moderationApi.modlogEntry(id), [id]);
  return (
    <NavPage title={t('mod.entryTitle')} back="/modlog">
      <div className="page-body">
        {!entry.data ? (
          <LoadState loading={entry.loading} error={entry.error} onRetry={entry.reload} />
        ) : (
          <>
            <ModlogEntryCard entry={entry.data} link={false} />
            <p className="hint modlog-entry-note">
              {t('mod.entryNote')} <Link to="/modlog">{t('mod.allEntries')} ›</Link>
            </p>
          </>
        )}
      </div>
    </NavPage>
  );
}
