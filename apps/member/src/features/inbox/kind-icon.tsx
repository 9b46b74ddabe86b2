import type { NotificationKind } from '@quanzi/contracts';
import {
  BellOutline,
  ExclamationShieldOutline,
  GiftOutline,
  HistogramOutline,
  MessageOutline,
  PayCircleOutline,
  UserContactOutline,
  VideoOutline,
} from 'antd-mobile-icons';

const ICONS: Record<NotificationKind, typeof BellOutline> = {
  money: PayCircleOutline,
  investing: HistogramOutline,
  mention: UserContactOutline,
  reply: MessageOutline,
  live_reminder: VideoOutline,
  moderation: ExclamationShieldOutline,
  system: BellOutline,
  marketing: GiftOutline,
};

const COLORS: Record<NotificationKind, string> = {
  money: '#ff8f1f',
  investing: '#1677ff',
  mention: '#00b578',
  reply: '#00b578',
  live_reminder: '#ff3141',
  moderation: '#ff3141',
  system: '#666',
  marketing: '#ff8f1f',
};

/** One icon per kind, so members tell money from community at a glance. */
export function KindIcon({ kind }: { kind: NotificationKind }) {
  const Icon = ICONS[kind];
  return <Icon fontSize={24} color={COLORS[kind]} aria-hidden />;
}
