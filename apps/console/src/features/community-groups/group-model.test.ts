import { CreateGroupRequest, UpdateGroupRequest } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import {
  joinPoliciesFor,
  mergeMessages,
  slowModeOptions,
  slowModeParts,
  toCreateGroupRequest,
  toSettingsRequest,
  type GroupMessage,
} from './group-model';

describe('toCreateGroupRequest', () => {
  it('trims text, leaves out empty optional fields and fits the contract', () => {
    const req = toCreateGroupRequest({
      name: ' 基金定投圈 ',
      description: ' ',
      visibility: 'public',
      joinPolicy: 'open',
      topic: ' ',
      ownerMemberId: '',
    });
    expect(req).toEqual({ name: '基金定投圈', description: '', visibility: 'public', joinPolicy: 'open', slowModeSeconds: 0 });
    expect(CreateGroupRequest.safeParse(req).success).toBe(true);
  });
  it('carries topic, product, owner and slow mode when given', () => {
    const product = '33333333-3333-4333-8333-333333333333';
    const owner = '44444444-4444-4444-8444-444444444444';
    const req = toCreateGroupRequest({
      name: '稳健理财',
      visibility: 'private',
      joinPolicy: 'invite',
      topic: '稳健',
      productId: product,
      ownerMemberId: ` ${owner} `,
      slowModeSeconds: 30,
    });
    expect(req).toMatchObject({ topic: '稳健', productId: product, ownerMemberId: owner, slowModeSeconds: 30 });
    expect(CreateGroupRequest.safeParse(req).success).toBe(true);
  });
});

describe('joinPoliciesFor', () => {
  it('never offers open joining for a private group', () => {
    expect(joinPoliciesFor('private')).toEqual(['approval', 'invite']);
    expect(joinPoliciesFor('public')).toContain('open');
  });
});

describe('slow mode', () => {
  it('offers the group’s current value even when it is not a preset', () => {
    expect(slowModeOptions(45)).toContain(45);
    expect(slowModeOptions()).not.toContain(45);
  });
  it('reads in the largest whole unit', () => {
    expect(slowModeParts(0)).toEqual({ unit: 'off', count: 0 });
    expect(slowModeParts(30)).toEqual({ unit: 'seconds', count: 30 });
    expect(slowModeParts(300)).toEqual({ unit: 'minutes', count: 5 });
    expect(slowModeParts(3600)).toEqual({ unit: 'hours', count: 1 });
    expect(slowModeParts(90)).toEqual({ unit: 'seconds', count: 90 });
  });
});

describe('toSettingsRequest', () => {
  const group = { description: '简介', announcement: '公告', slowModeSeconds: 0 };
  it('sends only what changed, an emptied announcement as null', () => {
    const req = toSettingsRequest({ description: '简介', announcement: '  ', slowModeSeconds: 10 }, group);
    expect(req).toEqual({ announcement: null, slowModeSeconds: 10 });
    expect(UpdateGroupRequest.safeParse(req).success).toBe(true);
  });
  it('is null when nothing changed', () => {
    expect(toSettingsRequest({ description: ' 简介 ', announcement: '公告', slowModeSeconds: 0 }, group)).toBeNull();
    expect(toSettingsRequest({ description: '简介', announcement: '', slowModeSeconds: 0 }, { ...group, announcement: null })).toBeNull();
  });
});

describe('mergeMessages', () => {
  const m = (id: string, seq: string) => ({ id, seq }) as GroupMessage;
  it('orders by sequence numerically and drops duplicates', () => {
    expect(mergeMessages([m('a', '9'), m('b', '10')], [m('b', '10'), m('c', '100')]).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});
