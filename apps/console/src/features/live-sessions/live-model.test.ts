import { ScheduleLiveRequest, UpdateLiveRequest } from '@quanzi/contracts';
import { describe, expect, it } from 'vitest';
import {
  commandsFor,
  isFutureWall,
  isValidStreamUrl,
  shanghaiWall,
  shanghaiWallToOffset,
  toScheduleRequest,
  toUpdateRequest,
} from './live-model';

const base = {
  title: '稳健理财入门',
  description: '',
  hostName: '理财师·王磊',
  hostMemberId: null,
  streamUrl: 'https://live.example.com/room/1',
  scheduledAt: '2030-05-01T12:00:00.000Z',
  status: 'scheduled' as const,
};

describe('stream URL', () => {
  it('takes https with a host name only, without credentials', () => {
    expect(isValidStreamUrl('https://live.example.com/room/1')).toBe(true);
    expect(isValidStreamUrl('http://live.example.com/room/1')).toBe(false);
    expect(isValidStreamUrl('javascript:alert(1)')).toBe(false);
    expect(isValidStreamUrl('https://bank.com@evil.example/x')).toBe(false);
    expect(isValidStreamUrl('')).toBe(false);
  });
});

describe('China time', () => {
  it('reads a picked wall-clock time as China time, whatever the browser zone', () => {
    expect(shanghaiWallToOffset('2030-05-01T20:00')).toBe('2030-05-01T20:00:00+08:00');
    expect(new Date(shanghaiWallToOffset('2030-05-01T20:00')).toISOString()).toBe('2030-05-01T12:00:00.000Z');
  });
  it('shows an instant as China wall-clock time', () => {
    expect(shanghaiWall('2030-05-01T12:00:00.000Z')).toBe('2030-05-01T20:00');
    expect(shanghaiWall('2030-05-01T16:30:00.000Z')).toBe('2030-05-02T00:30');
  });
  it('knows whether a start is still ahead', () => {
    const now = Date.parse('2030-05-01T12:00:00.000Z');
    expect(isFutureWall('2030-05-01T20:05', now)).toBe(true);
    expect(isFutureWall('2030-05-01T19:55', now)).toBe(false);
  });
});

describe('toScheduleRequest', () => {
  it('trims, adds the +08:00 offset, leaves out an empty host member and fits the contract', () => {
    const req = toScheduleRequest({
      title: ' 稳健理财入门 ',
      hostName: '理财师·王磊',
      hostMemberId: ' ',
      streamUrl: ' https://live.example.com/room/1 ',
      scheduledWall: '2030-05-01T20:00',
    });
    expect(req).toEqual({
      title: '稳健理财入门',
      description: '',
      hostName: '理财师·王磊',
      streamUrl: 'https://live.example.com/room/1',
      scheduledAt: '2030-05-01T20:00:00+08:00',
    });
    expect(ScheduleLiveRequest.safeParse(req).success).toBe(true);
  });
});

describe('toUpdateRequest', () => {
  it('sends only what changed', () => {
    const req = toUpdateRequest({ ...base, hostMemberId: undefined, title: '稳健理财进阶', scheduledWall: '2030-05-01T20:00' }, base);
    expect(req).toEqual({ title: '稳健理财进阶' });
    expect(UpdateLiveRequest.safeParse(req).success).toBe(true);
  });
  it('moves the start only before the session starts', () => {
    const v = { ...base, hostMemberId: undefined, scheduledWall: '2030-05-02T20:00' };
    expect(toUpdateRequest(v, base)).toEqual({ scheduledAt: '2030-05-02T20:00:00+08:00' });
    expect(toUpdateRequest(v, { ...base, status: 'live' })).toBeNull();
  });
  it('clears the host member to let operators host', () => {
    const host = '44444444-4444-4444-8444-444444444444';
    expect(toUpdateRequest({ ...base, hostMemberId: '', scheduledWall: '2030-05-01T20:00' }, { ...base, hostMemberId: host })).toEqual({
      hostMemberId: null,
    });
  });
});

describe('commandsFor', () => {
  it('starts or cancels a scheduled session, ends a live one, nothing after', () => {
    expect(commandsFor('scheduled')).toEqual({ edit: true, commands: ['start', 'cancel'] });
    expect(commandsFor('live')).toEqual({ edit: true, commands: ['end'] });
    expect(commandsFor('ended')).toEqual({ edit: false, commands: [] });
    expect(commandsFor('cancelled')).toEqual({ edit: false, commands: [] });
  });
});
