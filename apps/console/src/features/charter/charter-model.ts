import type {
  CharterDiff as CharterDiffSchema,
  CharterRule,
  CharterVersion,
  CharterVersionInfo as CharterVersionInfoSchema,
  PublicCharter as PublicCharterSchema,
  PublishCharterRequest as PublishCharterRequestSchema,
} from '@quanzi/contracts';

export type { CharterRule, CharterVersion };

/** What a contract schema parses to (`z.infer`), for the schemas @quanzi/contracts exports without a type. */
type Parsed<S extends { _output: unknown }> = S['_output'];

export type CharterVersionInfo = Parsed<typeof CharterVersionInfoSchema>;
export type PublicCharter = Parsed<typeof PublicCharterSchema>;
export type CharterDiff = Parsed<typeof CharterDiffSchema>;
export type CharterDiffEntry = CharterDiff['changes'][number];
export type PublishCharterRequest = Parsed<typeof PublishCharterRequestSchema>;

/** The limits of `PublishCharterRequest` / `CharterRule`, checked in the form before the server does. */
export const LIMITS = { rules: 50, titleMin: 2, titleMax: 40, bodyMin: 5, bodyMax: 1000, summaryMin: 2, summaryMax: 500 } as const;

/** The editor's values: the rules being drafted and the required 修改说明. */
export interface CharterFormValues {
  rules: CharterRule[];
  summary: string;
}

const codeNumber = (code: string): number => {
  const m = /^R(\d{1,3})$/.exec(code);
  return m ? Number(m[1]) : 0;
};

/**
 * The code for a new rule: one past the highest in use, never a gap. Moderation cites rules by code, so a
 * removed rule's code (still in the published version, `known`) is not handed to a different rule.
 */
export function nextRuleCode(drafted: Array<Pick<CharterRule, 'code'> | undefined>, known: string[] = []): string {
  const used = [...drafted.map((r) => r?.code ?? ''), ...known].map(codeNumber);
  return `R${Math.max(0, ...used) + 1}`;
}

/** The request the form sends: titles, bodies and summary trimmed, as the server stores them. */
export function toPublishRequest(values: CharterFormValues): PublishCharterRequest {
  return {
    rules: values.rules.map((r) => ({ code: r.code, title: r.title.trim(), body: r.body.trim() })),
    summary: values.summary.trim(),
  };
}

/** Whether the drafted rules say exactly what the published ones do (a new version would change nothing). */
export function sameRules(a: CharterRule[], b: CharterRule[]): boolean {
  return a.length === b.length && a.every((r, i) => r.code === b[i]?.code && r.title === b[i]?.title && r.body === b[i]?.body);
}

/** Versions newest first. */
export const newestFirst = (versions: CharterVersionInfo[]): CharterVersionInfo[] => [...versions].sort((a, b) => b.version - a.version);

/** The version published just before `version`, if any. */
export function previousVersion(versions: CharterVersionInfo[], version: number): number | undefined {
  const earlier = versions.map((v) => v.version).filter((v) => v < version);
  return earlier.length ? Math.max(...earlier) : undefined;
}

/**
 * The charter with a version this operator just published, when a (possibly cached) reload has not caught
 * up with it yet; a reload that already has it wins.
 */
export function withPublished(charter: PublicCharter, published: CharterVersion | undefined): PublicCharter {
  if (!published || published.version <= charter.current.version) return charter;
  const { rules: _rules, ...info } = published;
  return { current: published, versions: [info, ...charter.versions.filter((v) => v.version !== published.version)] };
}
