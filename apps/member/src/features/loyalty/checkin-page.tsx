import { newIdempotencyKey } from '@quanzi/web-kit';
import { Button, Dialog, Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { loyaltyApi, type CheckinMonth } from './loyalty-api';

const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
};
const daysIn = (month: string): number => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** The month grid: checked-in days, made-up days, and the missed days of the last week that may be made up. */
function MonthGrid({ data, onMakeUp }: { data: CheckinMonth; onMakeUp: (day: string) => void }) {
  const { t } = useTranslation();
  const byDay = new Map(data.days.map((d) => [d.day, d]));
  const missed = new Set(data.makeUp.days);
  const lead = new Date(`${data.month}-01T00:00:00Z`).getUTCDay();
  const cells: JSX.Element[] = t('loyalty.checkin.weekdays')
    .split(',')
    .map((w) => (
      <div key={`w-${w}`} className="weekday">
        {w}
      </div>
    ));
  for (let i = 0; i < lead; i++) cells.push(<div key={`b-${i}`} className="checkin-day blank" />);
  for (let d = 1; d <= daysIn(data.month); d++) {
    const day = `${data.month}-${String(d).padStart(2, '0')}`;
    const done = byDay.get(day);
    const classes = ['checkin-day', done?.kind ?? '', !done && missed.has(day) ? 'missed' : '', day === data.today ? 'today' : ''];
    cells.push(
      <div
        key={day}
        className={classes.filter(Boolean).join(' ')}
        data-testid={`checkin-day-${day}`}
        onClick={!done && missed.has(day) ? () => onMakeUp(day) : undefined}
      >
        {d}
      </div>,
    );
  }
  return <div className="checkin-grid">{cells}</div>;
}

/** 每日签到: today's check-in with the streak, the month calendar, and make-up of missed days paid with points. */
export function CheckinPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const cal = useLoad(() => loyaltyApi.checkins(month), [month]);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a double tap or a retry after a timeout checks in once.
  const attempt = useRef<string>(newIdempotencyKey());
  const data = cal.data;

  const submit = async (makeUpDay?: string) => {
    setBusy(true);
    try {
      const result = await loyaltyApi.checkIn(attempt.current, makeUpDay);
      Toast.show({
        icon: 'success',
        content:
          result.kind === 'makeup'
            ? t('loyalty.checkin.madeUp', { cost: result.cost })
            : t('loyalty.checkin.success', { points: result.points }) +
              (result.bonus > 0 ? t('loyalty.checkin.bonus', { bonus: result.bonus }) : ''),
      });
      await cal.reload();
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      attempt.current = newIdempotencyKey();
      setBusy(false);
    }
  };

  const makeUp = async (day: string) => {
    if (!data) return;
    if (!(await Dialog.confirm({ content: t('loyalty.checkin.makeUpConfirm', { day, cost: data.makeUp.cost }) }))) return;
    await submit(day);
  };

  return (
    <Page title={t('loyalty.checkin.title')}>
      <div className="page-body">
        {!data ? (
          <LoadState loading={cal.loading} error={cal.error} onRetry={cal.reload} />
        ) : (
          <>
            <div className="card" style={{ textAlign: 'center' }}>
              <p className="muted" data-testid="checkin-streak">
                {t('loyalty.checkin.streak', { days: data.streak })}
              </p>
              <Button
                color="primary"
                block
                disabled={data.checkedInToday}
                loading={busy}
                onClick={() => void submit()}
                data-testid="checkin-button"
              >
                {data.checkedInToday ? t('loyalty.checkin.done') : t('loyalty.checkin.button')}
              </Button>
              <p className="hint">
                {t('loyalty.checkin.rules', {
                  base: data.rules.base,
                  bonuses: data.rules.bonuses.map((b) => t('loyalty.checkin.bonusRule', b)).join('，'),
                })}
              </p>
            </div>
            <div className="card">
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
                <Button size="mini" fill="none" onClick={() => setMonth(shiftMonth(data.month, -1))}>
                  ‹ {t('loyalty.checkin.prev')}
                </Button>
                <strong data-testid="checkin-month">{data.month}</strong>
                <Button
                  size="mini"
                  fill="none"
                  disabled={data.month >= data.today.slice(0, 7)}
                  onClick={() => setMonth(shiftMonth(data.month, 1))}
                >
                  {t('loyalty.checkin.next')} ›
                </Button>
              </div>
              <MonthGrid data={data} onMakeUp={(day) => void makeUp(day)} />
              <p className="hint">
                {t('loyalty.checkin.makeUpHint', {
                  days: data.makeUp.windowDays,
                  cost: data.makeUp.cost,
                  perMonth: data.makeUp.perMonth,
                  used: data.makeUp.usedThisMonth,
                })}
              </p>
            </div>
          </>
        )}
      </div>
    </Page>
  );
}
