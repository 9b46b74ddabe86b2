import type { ConsoleWheel, DrawResult, MemberWheel } from '@quanzi/contracts';
import { maskName, maskPhone } from '../../platform/security/mask.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { DrawRow, PrizeRow, WheelRow } from './repo.js';

export const presentPrize = (p: PrizeRow) => ({
  id: p.id,
  position: p.position,
  name: p.name,
  kind: p.kind,
  weight: p.weight,
  stock: p.stock,
  initialStock: p.initial_stock,
  points: p.points,
  amount: p.amount === null ? null : String(p.amount),
  days: p.days,
  couponRef: p.coupon_ref,
});

export const presentConsoleWheel = (w: WheelRow, prizes: PrizeRow[]): ConsoleWheel => ({
  id: w.id,
  name: w.name,
  status: w.status,
  pointsCost: w.points_cost,
  guaranteeAfter: w.guarantee_after,
  commitment: w.commitment,
  seed: w.status === 'closed' ? w.server_seed : null,
  drawCount: w.draw_count,
  prizes: prizes.map(presentPrize),
  createdAt: w.created_at.toISOString(),
  openedAt: w.opened_at?.toISOString() ?? null,
  closedAt: w.closed_at?.toISOString() ?? null,
});

export const presentMemberWheel = (
  w: WheelRow,
  prizes: PrizeRow[],
  state: { granted: number; used: number; misses: number } | undefined,
): MemberWheel => ({
  id: w.id,
  name: w.name,
  status: w.status,
  pointsCost: w.points_cost,
  guaranteeAfter: w.guarantee_after,
  chances: state ? state.granted - state.used : 0,
  misses: state?.misses ?? 0,
  commitment: w.commitment,
  prizes: prizes.map((p) => ({ position: p.position, name: p.name, kind: p.kind, weight: p.weight, soldOut: p.stock === 0 })),
});

export const presentDraw = (d: DrawRow, prize: PrizeRow | undefined): DrawResult => ({
  id: d.id,
  wheelId: d.wheel_id,
  seq: d.seq,
  won: !!prize && prize.kind !== 'none',
  prize: prize ? { position: prize.position, name: prize.name, kind: prize.kind } : null,
  guaranteed: d.guaranteed,
  substituted: d.substituted,
  paidWith: d.paid_with,
  fulfilment: d.fulfilment,
  tracking: d.tracking,
  createdAt: d.created_at.toISOString(),
});

/** 张* · 138****5678 · the address line: enough to ship, the name and phone masked. */
export function shipTo(vault: PiiVault, sealed: string | null): string | null {
  if (!sealed) return null;
  const a = JSON.parse(vault.decrypt(sealed)) as { name: string; phone: string; address: string };
  return `${maskName(a.name)} · ${maskPhone(a.phone)} · ${a.address}`;
}
