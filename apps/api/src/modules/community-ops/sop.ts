import type { CreateSopTemplate, SopApplication, SopTemplate } from '@quanzi/contracts';
import { shanghaiDay } from '../../platform/clock.js';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { isUuid } from '../../platform/ids.js';
import { insertEntry, presentEntry } from './calendar.js';
import { assertCompliant } from './compliance.js';
import { auditActor, type CommunityOpsDeps } from './deps.js';
import * as repo from './repo.js';
import { assertWelcomeTemplate } from './settings.js';
import { renderWelcome, type JoinedMember } from './welcome.js';
import { parseTimeOfDay, shanghaiInstant } from './working-hours.js';

/**
 * SOP templates (标准作业流程): a **stage** template is a plan of posts for a group in formation,
 * assimilation or collaboration — applying it schedules each step in the content calendar, day N
 * after today at its time; a **lifecycle** template is what each new member hears on day 0, 1, 3,
 * 7… — applying it to a group schedules those inbox messages for every member who joins after.
 */
type StageStep = { dayOffset: number; time: string; title: string; body: string };
type LifecycleStep = { day: number; title: string; body: string };

const present = (r: repo.SopTemplateRow): SopTemplate => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  stage: r.stage,
  steps: r.steps as SopTemplate['steps'],
  createdAt: r.created_at.toISOString(),
});

export async function listSopTemplates(deps: CommunityOpsDeps) {
  return { items: (await repo.sopTemplates(deps.db)).map(present) };
}

export async function createSopTemplate(deps: CommunityOpsDeps, op: OperatorPrincipal, input: CreateSopTemplate, ip: string | null) {
  const texts: Record<string, string> = { name: input.name };
  input.steps.forEach((s, i) => {
    texts[`steps.${i}.title`] = s.title;
    texts[`steps.${i}.body`] = s.body;
  });
  if (input.kind === 'lifecycle') {
    for (const s of input.steps) assertWelcomeTemplate(s.body);
    const days = input.steps.map((s) => s.day);
    if (new Set(days).size !== days.length) throw new AppError('SOP_TEMPLATE_INVALID', { reason: '同一天只能有一条消息' });
  }
  assertCompliant(texts);
  const steps =
    input.kind === 'stage'
      ? [...input.steps].sort((a, b) => a.dayOffset - b.dayOffset || a.time.localeCompare(b.time))
      : [...input.steps].sort((a, b) => a.day - b.day);
  return transact(deps.db, async (trx) => {
    const row = await repo.insertSopTemplate(trx, {
      name: input.name,
      kind: input.kind,
      stage: input.kind === 'stage' ? input.stage : null,
      steps,
      created_by: op.operatorId,
      created_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.sop_template_created',
      target: { type: 'sop_template', id: row.id },
      after: present(row),
      ip,
    });
    return present(row);
  });
}

export async function deleteSopTemplate(deps: CommunityOpsDeps, op: OperatorPrincipal, id: string, ip: string | null) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  await transact(deps.db, async (trx) => {
    const row = await repo.deleteSopTemplate(trx, id, deps.clock.now());
    if (!row) throw new AppError('NOT_FOUND');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.sop_template_deleted',
      target: { type: 'sop_template', id },
      before: present(row),
      ip,
    });
  });
}

type ApplicationRow = Awaited<ReturnType<typeof repo.sopApplications>>[number];
const presentApplication = (r: ApplicationRow): SopApplication => ({
  id: r.id,
  templateId: r.template_id,
  templateName: r.template_name,
  groupId: r.group_id,
  kind: r.kind,
  active: r.active,
  appliedAt: r.applied_at.toISOString(),
  scheduled: Number(r.kind === 'stage' ? r.entries : r.messages),
  sent: Number(r.kind === 'stage' ? (r.posted ?? 0) : r.sent),
});

export async function listApplications(deps: CommunityOpsDeps, groupId: string) {
  if (!(await deps.community.groupExists(groupId))) throw new AppError('NOT_FOUND');
  return { items: (await repo.sopApplications(deps.db, groupId)).map(presentApplication) };
}

const DAY_MS = 86_400_000;

/**
 * Applies a template to a group (audited). Stage: one calendar entry per step, on the Shanghai day
 * `dayOffset` days from today at its time (a step whose time today has passed goes out at the next
 * minute). Lifecycle: from now on, members who join get its messages; applying the same one twice
 * is refused.
 */
export async function applyTemplate(deps: CommunityOpsDeps, op: OperatorPrincipal, groupId: string, templateId: string, ip: string | null) {
  if (!(await deps.community.groupExists(groupId))) throw new AppError('NOT_FOUND');
  const template = await repo.sopTemplate(deps.db, templateId);
  if (!template) throw new AppError('NOT_FOUND');
  return transact(deps.db, async (trx) => {
    await repo.lockGroupAutomation(trx, groupId);
    if (template.kind === 'lifecycle' && (await repo.sopApplications(trx, groupId, true)).some((a) => a.template_id === template.id))
      throw new AppError('SOP_TEMPLATE_INVALID', { reason: '该模板已应用于此圈子' });
    const now = deps.clock.now();
    const application = await repo.insertSopApplication(trx, {
      template_id: template.id,
      group_id: groupId,
      kind: template.kind,
      applied_by: op.operatorId,
      applied_at: now,
    });
    const entries = [];
    if (template.kind === 'stage') {
      for (const step of template.steps as StageStep[]) {
        const date = shanghaiDay(new Date(now.getTime() + step.dayOffset * DAY_MS));
        const at = shanghaiInstant(date, parseTimeOfDay(step.time)!);
        const nextRunAt = at > now ? at : new Date(Math.ceil((now.getTime() + 1) / 60_000) * 60_000);
        entries.push(
          await insertEntry(
            deps,
            trx,
            groupId,
            { title: step.title, body: step.body, repeat: 'once', time: step.time, date },
            op.operatorId,
            application.id,
            nextRunAt,
          ),
        );
      }
    }
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.sop_applied',
      target: { type: 'group', id: groupId },
      after: {
        applicationId: application.id,
        templateId: template.id,
        templateName: template.name,
        kind: template.kind,
        entries: entries.length,
      },
      ip,
    });
    const [row] = (await repo.sopApplications(trx, groupId)).filter((a) => a.id === application.id);
    return { application: presentApplication(row!), entries: entries.map(presentEntry) };
  });
}

/** Stops an application: a stage plan's unposted entries are cancelled, a lifecycle's pending messages are not sent. */
export async function stopApplication(deps: CommunityOpsDeps, op: OperatorPrincipal, groupId: string, id: string, ip: string | null) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND');
  await transact(deps.db, async (trx) => {
    const row = await repo.deactivateSopApplication(trx, groupId, id);
    if (!row) throw new AppError('NOT_FOUND');
    if (row.kind === 'stage') await repo.cancelEntriesOf(trx, id);
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'community_ops.sop_stopped',
      target: { type: 'group', id: groupId },
      before: { applicationId: id, templateId: row.template_id, kind: row.kind },
      ip,
    });
  });
}

/** A member joined: each active lifecycle application of the group schedules its day-N messages. */
export async function scheduleLifecycle(deps: CommunityOpsDeps, joined: JoinedMember) {
  const applications = (await repo.sopApplications(deps.db, joined.groupId, true)).filter((a) => a.kind === 'lifecycle');
  if (!applications.length) return;
  await repo.scheduleLifecycleMessages(
    deps.db,
    applications.flatMap((a) =>
      (a.template_steps as LifecycleStep[]).map((step, i) => ({
        application_id: a.id,
        group_id: joined.groupId,
        member_id: joined.memberId,
        step_index: i,
        due_at: new Date(Math.max(joined.joinedAt.getTime(), a.applied_at.getTime()) + step.day * DAY_MS),
      })),
    ),
  );
}

const BATCH = 100;

/**
 * The minute job's lifecycle side: each due message goes to the member's inbox through the one send
 * path (topic group_digests: their switch, quiet hours and the daily cap apply) — if they are still
 * in the group and the application still runs; either way it is settled once.
 */
export async function sendDueLifecycle(deps: CommunityOpsDeps, now: Date): Promise<{ sent: number }> {
  let sent = 0;
  for (;;) {
    const n = await transact(deps.db, async (trx) => {
      const due = await repo.dueLifecycleMessages(trx, now, BATCH);
      for (const m of due) {
        const step = (m.steps as LifecycleStep[])[m.step_index];
        const member = await deps.community.membership(m.group_id, m.member_id);
        if (!m.active || !step) {
          await repo.markLifecycleSent(trx, m.id, now, 'stopped');
          continue;
        }
        if (member?.state !== 'active') {
          await repo.markLifecycleSent(trx, m.id, now, 'left');
          continue;
        }
        const nickname = (await deps.community.authorCards([m.member_id])).get(m.member_id)?.nickname ?? '圈友';
        const group = (await deps.community.groupNames([m.group_id])).get(m.group_id) ?? '';
        const result = await deps.notifications.send(trx, {
          memberId: m.member_id,
          topic: 'group_digests',
          title: renderWelcome(step.title, { nickname, group }),
          body: renderWelcome(step.body, { nickname, group }),
          link: `/community/groups/${m.group_id}`,
          dedupeKey: `ops-lifecycle:${m.id}`,
        });
        await repo.markLifecycleSent(trx, m.id, now, result.sent ? 'sent' : result.reason);
        if (result.sent) sent++;
      }
      return due.length;
    });
    if (n < BATCH) break;
  }
  return { sent };
}
