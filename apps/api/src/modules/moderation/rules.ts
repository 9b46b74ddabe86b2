import { AppError } from '../../platform/errors.js';
import type { ModerationDeps } from './deps.js';

export interface CitedRule {
  code: string;
  title: string;
  version: number;
}

/**
 * The charter rule an action cites, from the version in force. Every action needs one and a reason:
 * a missing one is RULE_REQUIRED, a code the charter does not have is RULE_UNKNOWN.
 */
export async function citeRule(
  deps: Pick<ModerationDeps, 'charter'>,
  code: string | null | undefined,
  reason?: string | null,
): Promise<CitedRule> {
  const trimmed = code?.trim();
  if (!trimmed || (reason !== undefined && !reason?.trim())) throw new AppError('RULE_REQUIRED');
  const rule = await deps.charter.rule(trimmed);
  if (!rule) throw new AppError('RULE_UNKNOWN', { rule: trimmed });
  return { code: rule.code, title: rule.title, version: rule.version };
}

/**
 * The filter cites the rule its word was listed under. If a later charter dropped that rule the
 * content is still filtered — the list says so — and the log shows the code as no longer in force
 * rather than failing the member's post.
 */
export async function citeFilterRule(deps: Pick<ModerationDeps, 'charter' | 'logger'>, code: string): Promise<CitedRule> {
  const rule = await deps.charter.rule(code);
  if (rule) return { code: rule.code, title: rule.title, version: rule.version };
  deps.logger.warn({ rule: code }, 'a sensitive word cites a rule the charter in force no longer has');
  const { current } = await deps.charter.publicCharter();
  return { code, title: '（现行公约已无此条）', version: current.version };
}
