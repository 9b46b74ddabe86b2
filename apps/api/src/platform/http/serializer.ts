import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { toJSONSchema, type ZodType } from 'zod';

type RouteSchema = Parameters<typeof zodSerializerCompiler>[0];
type Serialize = (data: unknown) => string;

/**
 * Response serialisation compiled from each route's zod schema: zod → JSON Schema (output side) →
 * fast-json-stringify, which writes only the declared properties (so an internal field never leaks)
 * without re-validating the whole value on every response. The zod path (`safeParse` of the output,
 * then `JSON.stringify`) stays for what JSON Schema cannot express — transforms, dates, defaults,
 * custom checks — and for any value the compiled code refuses (a union branch with extra keys).
 *
 * Under test (`VITEST`, or QUANZI_CHECK_SERIALIZERS=1 for the browser tests' server) every response
 * is serialised both ways and a difference throws, so the whole suite proves the two agree on the
 * data the routes really return.
 */
export function createSerializerCompiler(options: { check?: boolean } = {}) {
  const check = options.check ?? (process.env.VITEST === 'true' || process.env.QUANZI_CHECK_SERIALIZERS === '1');
  const stats = { compiled: 0, zod: 0 };
  // Many routes share one response schema (the error shapes, list pages): compile each schema once.
  const bySchema = new WeakMap<ZodType, Serialize | null>();
  const compiledFor = (schema: unknown): Serialize | undefined => {
    const zod = resolve(schema);
    if (!zod) return undefined;
    if (!bySchema.has(zod)) bySchema.set(zod, compileZod(zod) ?? null);
    return bySchema.get(zod) ?? undefined;
  };
  const compiler = (route: RouteSchema): Serialize => {
    const viaZod = zodSerializerCompiler(route) as Serialize;
    const compiled = compiledFor(route.schema);
    if (!compiled) {
      stats.zod++;
      return viaZod;
    }
    stats.compiled++;
    const fast: Serialize = (data) => {
      try {
        return compiled(data);
      } catch {
        return viaZod(data);
      }
    };
    if (!check) return fast;
    return (data) => {
      const expected = viaZod(data);
      const actual = fast(data);
      if (actual !== expected && !isDeepStrictEqual(JSON.parse(actual), JSON.parse(expected)))
        throw new Error(`compiled serializer differs from zod for ${route.method} ${route.url}: ${actual} ≠ ${expected}`);
      return actual;
    };
  };
  return Object.assign(compiler, { stats });
}

/** fast-json-stringify code for a zod schema, or undefined when JSON Schema cannot say all it means. */
export function compile(schema: unknown): Serialize | undefined {
  const zod = resolve(schema);
  return zod ? compileZod(zod) : undefined;
}

function compileZod(zod: ZodType): Serialize | undefined {
  let json: Record<string, unknown>;
  try {
    json = toJSONSchema(zod, { io: 'output', unrepresentable: 'throw', target: 'draft-7' }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!representable(json)) return undefined;
  delete json.$schema;
  try {
    return fastJson(json as unknown as Parameters<typeof fastJson>[0]) as Serialize;
  } catch {
    return undefined;
  }
}

function resolve(schema: unknown): ZodType | undefined {
  if (schema && typeof schema === 'object' && '_zod' in schema) return schema as ZodType;
  // fastify-type-provider-zod also accepts `{ properties: zodSchema }`.
  const inner = (schema as { properties?: unknown } | undefined)?.properties;
  return inner && typeof inner === 'object' && '_zod' in inner ? (inner as ZodType) : undefined;
}

/**
 * Keywords whose meaning fast-json-stringify would not reproduce exactly as zod does: defaults
 * (zod fills them in), references (kept out for simplicity), conditionals and `not`.
 */
const UNSUPPORTED = new Set(['default', '$ref', 'definitions', '$defs', 'if', 'then', 'else', 'not', 'allOf', 'patternProperties']);

function representable(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(representable);
  if (!node || typeof node !== 'object') return true;
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` the keys are field names (a field may be called "default"), not keywords.
    if (key === 'properties') {
      if (!Object.values(value as object).every(representable)) return false;
      continue;
    }
    if (UNSUPPORTED.has(key)) return false;
    // A map whose keys must match a pattern is validated by zod, not by the writer.
    if (key === 'propertyNames' && Object.keys(value as object).some((k) => k !== 'type')) return false;
    if (!representable(value)) return false;
  }
  return true;
}
