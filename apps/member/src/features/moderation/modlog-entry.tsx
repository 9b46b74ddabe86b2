import { formatShanghaiTime } from '@quanzi/web-kit';
import { Tag } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ActionTag, actorLabel } from './labels';
import type { PublicModlogEntry } from './moderation-api';

/**
 * What the public may know of one action: what was done under which rule, when, by which role,
 * the redacted excerpt (none for private groups or accounts), the reason, and how an appeal ended.
 * Every string is React text.
 */
export function ModlogEntryCard({
  entry: e,
  excerpt,
  link = true,
  children,
}: {
  entry: PublicModlogEntry;
  /** The member's own view passes their unredacted excerpt. */
  excerpt?: string | null;
  link?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const isOutcome = e.action === 'appeal_upheld' || e.action === 'appeal_overturned';
  const shown = excerpt !== undefined ? excerpt || null : e.excerpt;
  const body = (
    <>
      <div className="modlog-head">
        <ActionTag action={e.action} hours={e.hours} />
        {e.targetType && <span className="modlog-target">{t(`mod.target.${e.targetType}`)}</span>}
        <span className="modlog-time">{formatShanghaiTime(e.createdAt)}</span>
      </div>
      <div className="modlog-rule" data-testid="modlog-rule">
        <b>{e.rule.code}</b> {e.rule.title}
        <span className="modlog-version">{t('mod.charterVersion', { version: e.rule.version })}</span>
      </div>
      {isOutcome ? (
        <p className="modlog-excerpt muted">{t('mod.outcomeOf')}</p>
      ) : shown ? (
        <blockquote className="modlog-excerpt" data-testid="modlog-excerpt">
          {shown}
        </blockquote>
      ) : (
        <p className="modlog-excerpt private" data-testid="modlog-excerpt-private">
          {e.targetType === 'member'
            ? t('mod.noExcerptMember')
            : e.targetType === null
              ? t('mod.noExcerptBlocked')
              : t('mod.privateExcerpt')}
        </p>
      )}
      {e.reason && (
        <p className="modlog-reason">
          <span className="modlog-label">{isOutcome ? t('mod.decisionNote') : t('mod.reason')}</span>
          {e.reason}
        </p>
      )}
      <div className="modlog-foot">
        <span data-testid="modlog-actor">{t('mod.actor', { role: actorLabel(t, e.actor) })}</span>
        {e.appealOutcome && (
          <Tag color={e.appealOutcome === 'overturned' ? 'success' : 'default'} fill="outline" data-testid="modlog-appeal-outcome">
            {t(`mod.outcome.${e.appealOutcome}`)}
          </Tag>
        )}
      </div>
    </>
  );
  return (
    <article className="modlog-entry" data-testid={`modlog-entry-${e.id}`}>
      {link ? (
        <Link to={`/modlog/${encodeURIComponent(e.id)}`} className="modlog-link">
          {body}
        </Link>
      ) : (
        body
      )}
      {isOutcome && e.appealOf && (
        <Link to={`/modlog/${encodeURIComponent(e.appealOf)}`} className="modlog-related">
          {t('mod.seeOriginal')} ›
        </Link>
      )}
      {children}
    </article>
  );
}
