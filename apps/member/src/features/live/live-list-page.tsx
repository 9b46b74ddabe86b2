import { Button, Empty, Toast } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { NavPage } from '../forum/nav-page';
import { liveApi, type LiveSession } from './live-api';
import { LiveStatusTag, LiveWhen } from './live-status';

type Booking = { subscribed: boolean; subscriberCount: number };

/**
 * 直播 `/community/live`: live now, upcoming (预约 to be reminded ten minutes before), and past
 * sessions with their recap (回顾). The list does not say which sessions I booked, so each upcoming
 * one's booking is read from its own page.
 */
export function LiveListPage() {
  const { t } = useTranslation();
  const list = useLoad(() => liveApi.list());
  const [bookings, setBookings] = useState<Record<string, Booking>>({});

  const scheduledIds = (list.data?.upcoming ?? []).filter((s) => s.status === 'scheduled').map((s) => s.id);
  const idsKey = scheduledIds.join(',');
  useEffect(() => {
    if (!idsKey) return;
    let cancelled = false;
    void Promise.allSettled(idsKey.split(',').map((id) => liveApi.session(id))).then((results) => {
      if (cancelled) return;
      const next: Record<string, Booking> = {};
      for (const r of results)
        if (r.status === 'fulfilled') next[r.value.id] = { subscribed: r.value.subscribed, subscriberCount: r.value.subscriberCount };
      setBookings((prev) => ({ ...prev, ...next }));
    });
    return () => {
      cancelled = true;
    };
  }, [idsKey]);

  const data = list.data;
  const live = data?.upcoming.filter((s) => s.status === 'live') ?? [];
  const upcoming = data?.upcoming.filter((s) => s.status === 'scheduled') ?? [];
  const past = data?.past ?? [];

  return (
    <NavPage title={t('live.title')} back="/community">
      {!data ? (
        <div className="page-body">
          <LoadState loading={list.loading} error={list.error} onRetry={list.reload} />
        </div>
      ) : live.length + upcoming.length + past.length === 0 ? (
        <Empty description={t('live.empty')} />
      ) : (
        <div className="live-list" data-testid="live-list">
          {live.length > 0 && (
            <Section title={t('live.nowTitle')} testId="live-now">
              {live.map((s) => (
                <SessionCard key={s.id} session={s} />
              ))}
            </Section>
          )}
          {upcoming.length > 0 && (
            <Section title={t('live.upcomingTitle')} testId="live-upcoming">
              {upcoming.map((s) => (
                <SessionCard
                  key={s.id}
                  session={s}
                  booking={bookings[s.id]}
                  onBooking={(b) => setBookings((prev) => ({ ...prev, [s.id]: b }))}
                />
              ))}
            </Section>
          )}
          {past.length > 0 && (
            <Section title={t('live.pastTitle')} testId="live-past">
              {past.map((s) => (
                <SessionCard key={s.id} session={s} />
              ))}
            </Section>
          )}
        </div>
      )}
    </NavPage>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="live-section" data-testid={testId}>
      <h2 className="live-section-title">{title}</h2>
      {children}
    </section>
  );
}

function SessionCard({
  session: s,
  booking,
  onBooking,
}: {
  session: LiveSession;
  booking?: Booking | undefined;
  onBooking?: (b: Booking) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const open = () => navigate(`/community/live/${encodeURIComponent(s.id)}`);
  const toggle = async () => {
    if (!booking || !onBooking) return;
    setBusy(true);
    try {
      const next = await liveApi.subscribe(s.id, !booking.subscribed);
      onBooking(next);
      Toast.show({ content: next.subscribed ? t('live.subscribedToast') : t('live.unsubscribedToast') });
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className={`live-card ${s.status}`} data-testid={`live-card-${s.id}`}>
      <div className="live-card-main" role="link" tabIndex={0} onClick={open} onKeyDown={(e) => e.key === 'Enter' && open()}>
        <div className="live-card-top">
          <LiveStatusTag status={s.status} />
          <span className="live-when">
            <LiveWhen session={s} />
          </span>
        </div>
        <div className="live-card-title">{s.title}</div>
        <div className="live-card-host">{t('live.host', { name: s.hostName })}</div>
      </div>
      <div className="live-card-side">
        {s.status === 'live' && (
          <Button size="small" color="danger" shape="rounded" onClick={open}>
            {t('live.enter')}
          </Button>
        )}
        {s.status === 'scheduled' && (
          <>
            <Button
              size="small"
              shape="rounded"
              color="primary"
              fill={booking?.subscribed ? 'outline' : 'solid'}
              loading={busy || !booking}
              disabled={!booking}
              onClick={() => void toggle()}
              data-testid="live-card-subscribe"
              data-subscribed={booking?.subscribed ?? false}
            >
              {booking?.subscribed ? t('live.subscribed') : t('live.subscribe')}
            </Button>
            <span className="live-sub-count">{t('live.subscriberCount', { count: booking?.subscriberCount ?? s.subscriberCount })}</span>
          </>
        )}
        {s.status === 'ended' &&
          (s.recap ? (
            <Link to={s.recap.link} className="live-recap-chip" data-testid="live-card-recap">
              {t('live.recapShort')} <RightOutline />
            </Link>
          ) : (
            <span className="live-sub-count">{t('live.recapPendingShort')}</span>
          ))}
      </div>
    </article>
  );
}
