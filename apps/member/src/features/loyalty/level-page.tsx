import { List, ProgressBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { loyaltyApi, type MemberLevel } from './loyalty-api';

type Privileges = MemberLevel['privileges'];

/** The privileges a level grants, as lines (lottery weight only when above normal). */
export function privilegeLines(p: Privileges, t: (key: string, o?: Record<string, unknown>) => string): string[] {
  const lines: string[] = [];
  if (p.withdrawalFeeWaiver) lines.push(t('loyalty.level.privilege.withdrawalFeeWaiver'));
  if (p.exclusiveProducts) lines.push(t('loyalty.level.privilege.exclusiveProducts'));
  if (p.liveSeats) lines.push(t('loyalty.level.privilege.liveSeats'));
  if (p.lotteryWeight > 100) lines.push(t('loyalty.level.privilege.lotteryWeight', { weight: p.lotteryWeight }));
  return lines;
}

/** 会员等级: the level, growth value and its parts, progress to the next level, privileges and the ladder. */
export function LevelPage() {
  const { t, i18n } = useTranslation();
  const level = useLoad(() => loyaltyApi.level());
  const l = level.data;
  const name = (r: { nameZh: string; nameEn: string }) => (i18n.language === 'en' ? r.nameEn : r.nameZh);

  return (
    <Page title={t('loyalty.level.title')}>
      {!l ? (
        <div className="page-body">
          <LoadState loading={level.loading} error={level.error} onRetry={level.reload} />
        </div>
      ) : (
        <>
          <div className="hero">
            <h2 data-testid="level-name">{name(l)}</h2>
            <p>
              <span className="level-badge" data-testid="level-growth">
                {t('loyalty.level.growth', { growth: l.growth })}
              </span>
            </p>
            <p style={{ marginTop: 6 }}>{t('loyalty.level.components', l.components)}</p>
          </div>
          <div className="overlap">
            <div className="card">
              {l.next ? (
                <>
                  <ProgressBar percent={Math.min(100, Math.round((l.growth / l.next.minGrowth) * 100))} />
                  <p className="muted" data-testid="level-next">
                    {t('loyalty.level.toNext', { need: Math.max(0, l.next.minGrowth - l.growth), name: name(l.next) })}
                  </p>
                </>
              ) : (
                <p className="muted">{t('loyalty.level.top')}</p>
              )}
            </div>
            <div className="card">
              <h3>{t('loyalty.level.privileges')}</h3>
              {privilegeLines(l.privileges, t).length === 0 ? (
                <p className="muted">{t('loyalty.level.none')}</p>
              ) : (
                privilegeLines(l.privileges, t).map((line) => (
                  <Tag key={line} color="primary" fill="outline" style={{ margin: 4 }}>
                    {line}
                  </Tag>
                ))
              )}
            </div>
            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <List header={t('loyalty.level.rules')}>
                {l.rules.map((r) => (
                  <List.Item
                    key={r.level}
                    description={privilegeLines(r.privileges, t).join(' · ') || t('loyalty.level.none')}
                    extra={
                      r.level === l.level ? (
                        <Tag color="success">{t('loyalty.level.current')}</Tag>
                      ) : (
                        t('loyalty.level.minGrowth', { growth: r.minGrowth })
                      )
                    }
                  >
                    {name(r)}
                  </List.Item>
                ))}
              </List>
            </div>
            <p className="hint">{t('loyalty.level.howTo')}</p>
          </div>
        </>
      )}
    </Page>
  );
}
