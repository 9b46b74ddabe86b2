import type { CreateGuideEntry, GuideEntry, NewbieGuide, PublishedGuideEntry, UpdateGuideEntry } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { auditActor, type NewbieDeps } from './deps.js';
import * as repo from './repo.js';

export function presentEntry(row: repo.GuideRow): GuideEntry {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    position: row.position,
    status: row.status,
    source: row.source,
    sourceRef: row.source_ref,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

export const presentPublished = (row: repo.GuideRow): PublishedGuideEntry => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  position: row.position,
  publishedAt: (row.published_at ?? row.updated_at).toISOString(),
});

/** What members (and signed-out visitors) read: published entries only, in the editors' order. */
export async function publishedGuide(deps: Pick<NewbieDeps, 'db'>): Promise<NewbieGuide> {
  const rows = await repo.listGuide(deps.db, { status: 'published' });
  const of = (kind: repo.GuideRow['kind']) => rows.filter((r) => r.kind === kind).map(presentPublished);
  return { steps: of('step'), articles: of('article'), privileges: of('privilege') };
}

export async function consoleGuide(
  deps: Pick<NewbieDeps, 'db'>,
  filter: { kind?: repo.GuideRow['kind']; status?: repo.GuideRow['status'] },
) {
  return { items: (await repo.listGuide(deps.db, filter)).map(presentEntry) };
}

export async function consoleGuideEntry(deps: Pick<NewbieDeps, 'db'>, id: string) {
  const row = await repo.findGuide(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentEntry(row);
}

/** A new entry starts as a draft: members see it only once it is published. */
export async function createGuideEntry(deps: NewbieDeps, op: OperatorPrincipal, input: CreateGuideEntry, ip: string | null) {
  return transact(deps.db, async (trx) => {
    const now = deps.clock.now();
    const row = await repo.insertGuideOnce(trx, {
      kind: input.kind,
      title: input.title,
      body: input.body,
      position: input.position ?? 0,
      status: 'draft',
      source: input.source ?? 'editorial',
      source_ref: input.sourceRef ?? null,
      created_by: op.operatorId,
      created_at: now,
      updated_by: op.operatorId,
      updated_at: now,
      published_at: null,
    });
    if (!row) throw new AppError('GUIDE_SOURCE_TAKEN');
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'newbie.guide_created',
      target: { type: 'newbie_guide_entry', id: row.id },
      after: { kind: row.kind, title: row.title, position: row.position, source: row.source, sourceRef: row.source_ref },
      ip,
    });
    return presentEntry(row);
  });
}

export async function updateGuideEntry(deps: NewbieDeps, op: OperatorPrincipal, id: string, input: UpdateGuideEntry, ip: string | null) {
  return transact(deps.db, async (trx) => {
    const before = await repo.findGuide(trx, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    const row = await repo.updateGuide(trx, id, {
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
      updated_by: op.operatorId,
      updated_at: deps.clock.now(),
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'newbie.guide_updated',
      target: { type: 'newbie_guide_entry', id },
      before: { kind: before.kind, title: before.title, body: before.body, position: before.position },
      after: { kind: row.kind, title: row.title, body: row.body, position: row.position },
      ip,
    });
    return presentEntry(row);
  });
}

export async function changeGuideStatus(
  deps: NewbieDeps,
  op: OperatorPrincipal,
  id: string,
  status: 'draft' | 'published',
  ip: string | null,
) {
  return transact(deps.db, async (trx) => {
    const before = await repo.findGuide(trx, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    if (before.status === status) return presentEntry(before);
    const now = deps.clock.now();
    const row = await repo.updateGuide(trx, id, {
      status,
      published_at: status === 'published' ? now : before.published_at,
      updated_by: op.operatorId,
      updated_at: now,
    });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: status === 'published' ? 'newbie.guide_published' : 'newbie.guide_unpublished',
      target: { type: 'newbie_guide_entry', id },
      before: { status: before.status },
      after: { status: row.status },
      ip,
    });
    return presentEntry(row);
  });
}

/** Removed from the guide and the console list; the row stays (the audit log points at it). */
export async function deleteGuideEntry(deps: NewbieDeps, op: OperatorPrincipal, id: string, ip: string | null) {
  return transact(deps.db, async (trx) => {
    const before = await repo.findGuide(trx, id, true);
    if (!before) throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    await repo.updateGuide(trx, id, { deleted_at: now, updated_by: op.operatorId, updated_at: now });
    await deps.audit.record(trx, {
      actor: auditActor(op),
      action: 'newbie.guide_deleted',
      target: { type: 'newbie_guide_entry', id },
      before: { kind: before.kind, title: before.title, status: before.status },
      ip,
    });
  });
}

/**
 * What the customer-service module calls with one of its top questions and the agreed answer: a
 * draft FAQ entry (source customer_service) that an operator reviews and publishes. Idempotent on
 * `ref` (the question's id): feeding the same question again returns the first draft, untouched.
 */
export async function draftFromCustomerService(deps: NewbieDeps, input: { ref: string; question: string; answer: string }) {
  const ref = input.ref.trim().slice(0, 120);
  const title = input.question.trim().slice(0, 60);
  const body = input.answer.trim().slice(0, 4000);
  if (!ref || !title || !body) throw new AppError('VALIDATION_FAILED');
  return transact(deps.db, async (trx) => {
    const now = deps.clock.now();
    const row = await repo.insertGuideOnce(trx, {
      kind: 'article',
      title,
      body,
      position: 9999,
      status: 'draft',
      source: 'customer_service',
      source_ref: ref,
      created_by: 'customer_service',
      created_at: now,
      updated_by: 'customer_service',
      updated_at: now,
      published_at: null,
    });
    if (!row) return presentEntry((await repo.findBySourceRef(trx, 'customer_service', ref))!);
    await deps.audit.record(trx, {
      actor: { type: 'system', name: 'customer_service' },
      action: 'newbie.guide_created',
      target: { type: 'newbie_guide_entry', id: row.id },
      after: { kind: row.kind, title: row.title, source: row.source, sourceRef: row.source_ref },
      ip: null,
    });
    return presentEntry(row);
  });
}
