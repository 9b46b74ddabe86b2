import type { MallItem, MallOrder } from '@quanzi/contracts';
import { maskName, maskPhone } from '../../platform/security/mask.js';
import type { PiiVault } from '../../platform/security/pii.js';
import type { ItemRow, OrderRow } from './repo.js';

export const presentItem = (i: ItemRow): MallItem => ({
  id: i.id,
  name: i.name,
  description: i.description,
  kind: i.kind,
  pointsPrice: i.points_price,
  stock: i.stock,
  perMemberLimit: i.per_member_limit,
  status: i.status,
});

export const presentOrder = (o: OrderRow, item: ItemRow | undefined): MallOrder => ({
  id: o.id,
  itemId: o.item_id,
  itemName: item?.name ?? '',
  kind: item?.kind ?? 'physical',
  quantity: o.quantity,
  points: o.points,
  status: o.status,
  carrier: o.carrier,
  tracking: o.tracking,
  createdAt: o.created_at.toISOString(),
});

export function shipTo(vault: PiiVault, sealed: string | null): string | null {
  if (!sealed) return null;
  const a = JSON.parse(vault.decrypt(sealed)) as { name: string; phone: string; address: string };
  return `${maskName(a.name)} · ${maskPhone(a.phone)} · ${a.address}`;
}
