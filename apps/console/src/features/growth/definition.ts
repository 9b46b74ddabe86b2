import type { Dayjs } from 'dayjs';
import { parseYuan } from '../../shared/money';
import type { CampaignCondition, CampaignEffect, Definition } from './types';

/** What the builder form holds: amounts in yuan as typed, lists as comma-separated text. */
export interface EffectForm {
  kind: CampaignEffect['kind'];
  points?: number;
  expiresInDays?: number;
  amount?: string;
  days?: number;
  couponType?: 'rate_boost' | 'cash_back';
  boostBps?: number;
  maxCost?: string;
  threshold?: string;
  couponAmount?: string;
  validDays?: number;
  productIds?: string;
  productTypes?: Array<'demand' | 'fixed'>;
  code?: string;
  badgeName?: string;
  title?: string;
  body?: string;
  wheelId?: string;
  count?: number;
}
export interface ConditionForm {
  kind: CampaignCondition['kind'];
  amount?: string;
  productIds?: string;
  productTypes?: Array<'demand' | 'fixed'>;
  level?: number;
  channels?: string;
  utmSources?: string;
  from?: string;
  to?: string;
  groupId?: string;
}
export interface BuilderForm {
  name: string;
  trigger: Definition['trigger'];
  window: [Dayjs, Dayjs];
  totalMoney?: string;
  totalCount?: number;
  dailyMoney?: string;
  dailyCount?: number;
  perMemberLimit?: number;
  conditions?: ConditionForm[];
  mode: 'flat' | 'tiers';
  effects?: EffectForm[];
  tiers?: Array<{ minAmount: string; effects?: EffectForm[] }>;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const fen = (yuan: string | undefined) => (yuan?.trim() ? (parseYuan(yuan) ?? yuan) : undefined);
const opt = <T>(v: T | undefined | null) => (v === undefined || v === null || (Array.isArray(v) && v.length === 0) ? undefined : v);

function effectOf(e: EffectForm): CampaignEffect {
  switch (e.kind) {
    case 'points':
      return { kind: 'points', points: e.points ?? 0, ...(e.expiresInDays ? { expiresInDays: e.expiresInDays } : {}) };
    case 'red_packet':
      return { kind: 'red_packet', amount: fen(e.amount) ?? '' };
    case 'experience':
      return { kind: 'experience', amount: fen(e.amount) ?? '', days: e.days ?? 0 };
    case 'coupon': {
      const scope = {
        validDays: e.validDays ?? 0,
        ...(opt(list(e.productIds)) ? { productIds: list(e.productIds) } : {}),
        ...(opt(e.productTypes) ? { productTypes: e.productTypes } : {}),
      };
      return e.couponType === 'rate_boost'
        ? {
            kind: 'coupon',
            coupon: { type: 'rate_boost', boostBps: e.boostBps ?? 0, days: e.days ?? 0, maxCost: fen(e.maxCost) ?? '', ...scope },
          }
        : { kind: 'coupon', coupon: { type: 'cash_back', threshold: fen(e.threshold) ?? '', amount: fen(e.couponAmount) ?? '', ...scope } };
    }
    case 'badge':
      return { kind: 'badge', code: e.code ?? '', name: e.badgeName ?? '' };
    case 'notification':
      return { kind: 'notification', title: e.title ?? '', body: e.body ?? '' };
    case 'lottery_chances':
      return { kind: 'lottery_chances', wheelId: e.wheelId ?? '', count: e.count ?? 0 };
  }
}

function conditionOf(c: ConditionForm): CampaignCondition {
  switch (c.kind) {
    case 'amount_min':
      return { kind: 'amount_min', min: fen(c.amount) ?? '' };
    case 'amount_max':
      return { kind: 'amount_max', max: fen(c.amount) ?? '' };
    case 'product':
      return {
        kind: 'product',
        ...(opt(list(c.productIds)) ? { productIds: list(c.productIds) } : {}),
        ...(opt(c.productTypes) ? { productTypes: c.productTypes } : {}),
      };
    case 'member_level':
      return { kind: 'member_level', min: c.level ?? 0 };
    case 'suitability':
      return { kind: 'suitability', min: c.level ?? 1 };
    case 'registration_channel':
      return {
        kind: 'registration_channel',
        ...(opt(list(c.channels)) ? { channels: list(c.channels) } : {}),
        ...(opt(list(c.utmSources)) ? { utmSources: list(c.utmSources) } : {}),
      };
    case 'time_window':
      return { kind: 'time_window', from: c.from ?? '', to: c.to ?? '' };
    case 'first_time':
      return { kind: 'first_time' };
    case 'group_member':
      return { kind: 'group_member', groupId: c.groupId ?? '' };
  }
}

/** The form → the API's definition (the server validates everything again and answers with a stable code). */
export function toDefinition(v: BuilderForm): Definition {
  const budget = {
    ...(fen(v.totalMoney) ? { totalMoney: fen(v.totalMoney) } : {}),
    ...(v.totalCount ? { totalCount: v.totalCount } : {}),
    ...(fen(v.dailyMoney) ? { dailyMoney: fen(v.dailyMoney) } : {}),
    ...(v.dailyCount ? { dailyCount: v.dailyCount } : {}),
  };
  return {
    name: v.name.trim(),
    trigger: v.trigger,
    conditions: (v.conditions ?? []).map(conditionOf),
    ...(v.mode === 'tiers'
      ? { tiers: (v.tiers ?? []).map((t) => ({ minAmount: fen(t.minAmount) ?? '', effects: (t.effects ?? []).map(effectOf) })) }
      : { effects: (v.effects ?? []).map(effectOf) }),
    ...(Object.keys(budget).length ? { budget } : {}),
    ...(v.perMemberLimit ? { perMemberLimit: v.perMemberLimit } : {}),
    startsAt: v.window[0].toISOString(),
    endsAt: v.window[1].toISOString(),
  };
}
