import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compile, createSerializerCompiler } from './serializer.js';

const viaZod = (schema: z.ZodType, data: unknown) => JSON.stringify(schema.parse(data));

const money = z.string().regex(/^-?\d+$/);
const profile = z.object({
  id: z.string().uuid(),
  nickname: z.string(),
  phone: z.string().describe('masked'),
  balance: money,
  level: z.enum(['C1', 'C2', 'C3', 'C4', 'C5']).nullable(),
  verifiedAt: z.string().datetime().nullable(),
  tags: z.array(z.string()),
  avatar: z.string().optional(),
  counts: z.record(z.string(), z.number().int()),
  card: z.union([z.object({ kind: z.literal('none') }), z.object({ kind: z.literal('bound'), bank: z.string() })]),
  default: z.boolean(),
});

const sample = {
  id: '0b7c6d3e-5f1a-4c2b-9d8e-7f6a5b4c3d2e',
  nickname: '林晓',
  phone: '138****0001',
  balance: '900000',
  level: 'C3',
  verifiedAt: '2026-12-06T01:02:03.000Z',
  tags: ['理财', '新手'],
  counts: { threads: 3, replies: 0 },
  card: { kind: 'bound', bank: '工商银行' },
  default: true,
};

describe('compiled response serializer', () => {
  it('writes what zod would for a realistic profile, quotes and Chinese included', () => {
    const serialize = compile(profile)!;
    expect(serialize).toBeDefined();
    for (const data of [sample, { ...sample, level: null, verifiedAt: null, avatar: 'a"b\\c\n', card: { kind: 'none' } }])
      expect(JSON.parse(serialize(data))).toEqual(JSON.parse(viaZod(profile, data)));
  });

  it('never writes a field the schema does not declare (no internal column leaks)', () => {
    const serialize = compile(profile)!;
    const out = JSON.parse(serialize({ ...sample, passwordHash: 'argon2id$…', idNumber: '110101199003070011' }));
    expect(out).not.toHaveProperty('passwordHash');
    expect(out).not.toHaveProperty('idNumber');
  });

  it('leaves transforms, dates and defaults to zod', () => {
    expect(compile(z.object({ n: z.string().transform(Number) }))).toBeUndefined();
    expect(compile(z.object({ at: z.date() }))).toBeUndefined();
    expect(compile(z.object({ page: z.number().default(1) }))).toBeUndefined();
  });

  it('falls back to zod when the compiled writer refuses a value', () => {
    const compiler = createSerializerCompiler({ check: true });
    const schema = z.object({ card: z.union([z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b') })]) });
    const serialize = compiler({ schema, method: 'GET', url: '/x', httpStatus: '200' } as never);
    // An extra key inside a union branch: zod strips it, fast-json-stringify cannot pick a branch.
    const data = { card: { kind: 'b', secret: 'x' } };
    expect(serialize(data)).toBe(viaZod(schema, data));
    expect(compiler.stats).toEqual({ compiled: 1, zod: 0 });
  });

  it('in check mode, throws when the two ways disagree', () => {
    const compiler = createSerializerCompiler({ check: true });
    // zod strips the unknown key and fails on a missing one; the compiled writer would throw too and fall back.
    const serialize = compiler({ schema: z.object({ a: z.string() }), method: 'GET', url: '/y', httpStatus: '200' } as never);
    expect(serialize({ a: 'x', b: 1 })).toBe('{"a":"x"}');
    expect(() => serialize({})).toThrow();
  });
});
