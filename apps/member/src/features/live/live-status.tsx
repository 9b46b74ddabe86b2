import { formatShanghaiTime } from '@quanzi/web-kit';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { statusColor, type LiveSession } from './live-api';

/** 直播中 / 未开始 / 已结束 / 已取消. */
export function LiveStatusTag({ status }: { status: LiveSession['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={statusColor[status]}
      fill={status === 'live' ? 'solid' : 'outline'}
      className={`live-status ${status}`}
      data-testid="live-status"
      data-status={status}
    >
      {status === 'live' && <span className="live-dot" aria-hidden />}
      {t(`live.status.${status}`)}
    </Tag>
  );
}

/** When: "开播于 …" once it started, "开始于 …" scheduled, "结束于 …" once over. */
export function LiveWhen({ session: s }: { session: LiveSession }) {
  const { t } = useTranslation();
  if (s.status === 'live' && s.startedAt) return <>{t('live.startedAt', { time: formatShanghaiTime(s.startedAt) })}</>;
  if (s.status === 'ended' && s.endedAt) return <>{t('live.endedAt', { time: formatShanghaiTime(s.endedAt) })}</>;
  return <>{t('live.scheduledAt', { time: formatShanghaiTime(s.scheduledAt) })}</>;
}
