import { formatShanghaiTime } from '@quanzi/web-kit';
import { Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { WalletOrderStatus } from './finance-types';
import { formatMoney } from './money';
import { useOperator } from './operator-context';

const STATUS_COLORS: Record<WalletOrderStatus, string> = {
  pending: 'default',
  held: 'orange',
  reviewing: 'gold',
  paying: 'processing',
  succeeded: 'success',
  failed: 'error',
  closed: 'default',
  rejected: 'volcano',
};

export function OrderStatusTag({ status }: { status: WalletOrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`finance.status.${status}`)}</Tag>;
}

export function OrderTypeTag({ type }: { type: 'top_up' | 'withdrawal' }) {
  const { t } = useTranslation();
  return <Tag color={type === 'top_up' ? 'blue' : 'purple'}>{t(`finance.type.${type}`)}</Tag>;
}

/** An amount in yuan from integer fen, aligned digits. */
export function Money({ fen, sign, strong }: { fen: string | bigint | null; sign?: boolean; strong?: boolean }) {
  if (fen === null) return <>—</>;
  return (
    <Typography.Text strong={strong} className="money">
      {formatMoney(fen, { sign })}
    </Typography.Text>
  );
}

/** A long id shown short, full on hover and when copied. */
export function ShortId({ id }: { id: string }) {
  return (
    <Tooltip title={id}>
      <Typography.Text code copyable={{ text: id }} style={{ whiteSpace: 'nowrap' }}>
        {id.slice(0, 8)}
      </Typography.Text>
    </Tooltip>
  );
}

/** A member id linking to the member's page when the operator may read members. */
export function MemberLink({ id }: { id: string }) {
  const { can } = useOperator();
  if (!can('members.read')) return <ShortId id={id} />;
  return (
    <Tooltip title={id}>
      <Link to={`/members/${id}`} style={{ fontFamily: 'monospace' }}>
        {id.slice(0, 8)}
      </Link>
    </Tooltip>
  );
}

/** A cell with a main line and a smaller secondary one (card: bank and number; times: created and completed). */
export function TwoLines({ first, second }: { first: ReactNode; second?: ReactNode }) {
  return (
    <div style={{ whiteSpace: 'nowrap', lineHeight: 1.4 }}>
      <div>{first}</div>
      {second !== null && second !== undefined && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {second}
        </Typography.Text>
      )}
    </div>
  );
}

export const shanghaiTime = (iso: string | null): string => (iso ? formatShanghaiTime(iso, true) : '—');

/** Today's date in Asia/Shanghai as YYYY-MM-DD, shifted by whole days. */
export function shanghaiDate(offsetDays = 0): string {
  const at = new Date(Date.now() + offsetDays * 24 * 3600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
