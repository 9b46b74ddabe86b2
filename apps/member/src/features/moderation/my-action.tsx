import { formatShanghaiTime } from '@quanzi/web-kit';
import { Button, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { APPEAL_COLOR } from './labels';
import { ModlogEntryCard } from './modlog-entry';
import type { MyModerationEntry } from './moderation-api';

/** An action against me: the log entry with my own excerpt, a mute's end, and where my appeal stands. */
export function MyActionCard({ entry: e, showAppealButton = true }: { entry: MyModerationEntry; showAppealButton?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <ModlogEntryCard entry={e} excerpt={e.excerpt} link={false}>
      {e.until && (
        <p className="modlog-reason">
          <span className="modlog-label">{t('mod.muteUntil')}</span>
          {formatShanghaiTime(e.until)}
        </p>
      )}
      <div className="my-action-appeal" data-testid="my-action-appeal">
        {e.appeal ? (
          <>
            <Tag color={APPEAL_COLOR[e.appeal.status]} data-testid="appeal-status" data-status={e.appeal.status}>
              {t(`mod.appealStatus.${e.appeal.status}`)}
            </Tag>
            {e.appeal.decisionNote && (
              <p className="modlog-reason">
                <span className="modlog-label">{t('mod.decisionNote')}</span>
                {e.appeal.decisionNote}
              </p>
            )}
          </>
        ) : e.appealable ? (
          showAppealButton && (
            <Button
              size="small"
              color="primary"
              fill="outline"
              onClick={() => navigate(`/community/appeals/new?action=${encodeURIComponent(e.id)}`)}
              data-testid="appeal-open"
            >
              {t('mod.appeal')}
            </Button>
          )
        ) : (
          <span className="muted">{t('mod.notAppealable')}</span>
        )}
      </div>
    </ModlogEntryCard>
  );
}
