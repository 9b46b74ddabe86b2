import type { OpsGroupSettings } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type CommunityOpsDeps } from './deps.js';
import { assertCompliant } from './compliance.js';
import * as repo from './repo.js';
import { parseTimeOfDay, type WorkingHours } from './working-hours.js';

export const DEFAULT_ALARM_MINUTES = 10;

export interface EffectiveSettings {
  alarmMinutes: number;
  workingHours: WorkingHours | null;
  welcomeTemplate: string | null;
}

const hhmm = (t: string) => t.slice(0, 5);

/** A group's operations settings, defaults when the console never set them. */
export async function effectiveSettings(db: Executor, groupId: string): Promise<EffectiveSettings> {
  const row = await repo.settings(db, groupId);
  if (!row) return { alarmMinutes: DEFAULT_ALARM_MINUTES, workingHours: null, welcomeTemplate: null };
  return {
    alarmMinutes: row.alarm_minutes,
    workingHours:
      row.working_hours_start && row.working_hours_end
        ? { start: parseTimeOfDay(hhmm(row.working_hours_start))!, end: parseTimeOfDay(hhmm(row.working_hours_end))! }
        : null,
    welcomeTemplate: row.welcome_template,
  };
}

function present(groupId: string, row: repo.SettingsRow | undefined): OpsGroupSettings {
  return {
    groupId,
    alarmMinutes: row?.alarm_minutes ?? DEFAULT_ALARM_MINUTES,
    workingHours:
      row?.working_hours_start && row.working_hours_end ? { start: hhmm(row.working_hours_start), end: hhmm(row.working_hours_end) } : null,
    welcomeTemplate: row?.welcome_template ?? null,
    updatedAt: row?.updated_at.toISOString() ?? null,
  };
}

async function assertGroup(deps: CommunityOpsDeps, groupId: string) {
  if (!(await deps.community.groupExists(groupId))) throw new AppError('NOT_FOUND');
}

export async function getSettings(deps: CommunityOpsDeps, groupId: string): Promise<OpsGroupSettings> {
  await assertGroup(deps, groupId);
  return present(groupId, await repo.settings(deps.db, groupId));
}

/** Welcome templates may use these placeholders and no others. */
export const WELCOME_VARIABLES = ['nickname', 'group'] as const;

export function assertWelcomeTemplate(template: string) {
  const unknown = [...template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(WELCOME_VARIABLES as readonly string[]).includes(name));
  if (unknown.length) throw new AppError('TEMPLATE_VARIABLE_UNKNOWN', { names: [...new Set(unknown)].join(', ') });
}

/** Alarm minutes, working hours and the welcome template of one group (audited). */
export async function updateSettings(
  deps: CommunityOpsDeps,
  op: OperatorPrincipal,
  groupId: string,
  input: {
    alarmMinutes?: number | undefined;
    workingHours?: { start: string; end: string } | null | undefined;
    welcomeTemplate?: string | null | undefined;
  },
  ip: string | null,
): Promise<OpsGroupSettings> {
  await assertGroup(deps, groupId);
  if (input.workingHours) {
    const start = parseTimeOfDay(input.workingHours.start);
    const end = parseTimeOfDay(input.workingHours.end);
    if (start === null || end === null || start >= end) throw new AppError('WORKING_HOURS_INVALID');
  }
  if (input.welcomeTemplate) {
    assertWelcomeTemplate(input.welcomeTemplate);
    assertCompliant({ welcomeTemplate: input.welcomeTemplate });
  }
  return transact(deps.db, async (trx) => {
    const before = await repo.settings(trx, groupId);
    const hours =
      input.workingHours === undefined
        ? before?.working_hours_start && before.working_hours_end
          ? { start: hhmm(before.working_hours_start), end: hhmm(before.working_hours_end) }
          : null
        : input.workingHours;
    const row = await repo.upsertSettings(trx, {
      group_id: groupId,
      alarm_minutes: input.alarmMinutes ?? before?.alarm_minutes ?? DEFAULT_ALARM_MINUTES,
      working_hours_start: hours?.start ?? null,
      working_hours_end: hours?.end ?? null,
      welcome_template: input.welcomeTemplate === undefined ? (before?.welcome_template ?? null) : input.welcomeTemplate,
      updated_by: op.operatorId,
      updated_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.settings_updated',
      target: { type: 'group', id: groupId },
      before: before ? present(groupId, before) : null,
      after: present(groupId, row),
      ip,
    });
    return present(groupId, row);
  });
}
