import { isMarketingTopic, type TemplateContent, type TemplateInput, type TemplateUpdate, type TemplateView } from '@quanzi/contracts';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import type { OperatorPrincipal } from '../../platform/http/auth.js';
import { actor } from './touch-policy.js';
import type { TouchDeps } from './deps.js';
import * as repo from './repo.js';
import { assertCompliantText, resolveActivityLink } from './send.js';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every `{{name}}` a text uses. */
export const variablesIn = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

export function texts(content: TemplateContent): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [locale, t] of Object.entries(content)) {
    if (!t) continue;
    out.push([`${locale}.title`, t.title], [`${locale}.body`, t.body]);
    if (t.sms) out.push([`${locale}.sms`, t.sms]);
  }
  return out;
}

/** Refuses a template whose texts use a variable it does not declare (TEMPLATE_VARIABLE_UNKNOWN). */
export function assertKnownVariables(content: TemplateContent, declared: readonly string[]): void {
  const unknown = [...new Set(texts(content).flatMap(([, t]) => variablesIn(t)))].filter((v) => !declared.includes(v));
  if (unknown.length) throw new AppError('TEMPLATE_VARIABLE_UNKNOWN', { names: unknown.join(', ') }, { unknown });
}

export const render = (text: string, values: Record<string, string>): string =>
  text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');

/** Values for a send: every declared variable, nothing else. */
export function assertValues(declared: readonly string[], values: Record<string, string>): void {
  const unknown = Object.keys(values).filter((k) => !declared.includes(k));
  if (unknown.length) throw new AppError('TEMPLATE_VARIABLE_UNKNOWN', { names: unknown.join(', ') }, { unknown });
  const missing = declared.filter((k) => !(k in values) || values[k] === '');
  if (missing.length) throw new AppError('TEMPLATE_VARIABLE_MISSING', { names: missing.join(', ') }, { missing });
}

/** The compliance gate for a template's texts (marketing topics), variables left as written. */
async function checkTemplate(
  deps: TouchDeps,
  topic: TemplateInput['topic'],
  input: TemplateUpdate,
  trx: Parameters<typeof resolveActivityLink>[0],
) {
  assertKnownVariables(input.content, input.variables);
  if (isMarketingTopic(topic)) assertCompliantText(Object.fromEntries(texts(input.content)));
  if (input.productIds.length) {
    for (const [field, text] of texts(input.content).filter(([f]) => f.endsWith('.body'))) {
      const check = await deps.ports.compliance.checkPromotion({ text, productIds: input.productIds }, trx);
      if (!check.ok)
        throw new AppError(
          'MARKETING_COMPLIANCE',
          { reason: check.violations.length ? '含有承诺收益的用语' : '推广产品须附风险提示' },
          {
            field,
            violations: check.violations,
            missingRiskWarnings: check.missingRiskWarnings,
            unknownProductIds: check.unknownProductIds,
          },
        );
    }
  }
  await resolveActivityLink(trx, input.activityLinkId, topic);
}

export function presentTemplate(t: repo.Template, v: repo.TemplateVersion): TemplateView {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    topic: t.topic,
    channels: t.channels,
    failoverToInApp: t.failover_to_in_app,
    version: v.version,
    content: v.content,
    variables: v.variables,
    productIds: v.product_ids,
    activityLinkId: v.activity_link_id,
    wechatTemplateId: v.wechat_template_id,
    smsTemplateCode: v.sms_template_code,
    updatedAt: t.updated_at.toISOString(),
  };
}

const versionRow = (templateId: string, version: number, input: TemplateUpdate, op: OperatorPrincipal, at: Date) => ({
  template_id: templateId,
  version,
  content: JSON.stringify(input.content),
  variables: input.variables,
  product_ids: input.productIds,
  activity_link_id: input.activityLinkId,
  wechat_template_id: input.wechatTemplateId,
  sms_template_code: input.smsTemplateCode,
  created_by: op.operatorId,
  created_at: at,
});

export async function createTemplate(
  deps: TouchDeps,
  op: OperatorPrincipal,
  input: TemplateInput,
  ip: string | null,
): Promise<TemplateView> {
  return transact(deps.db, async (trx) => {
    await checkTemplate(deps, input.topic, input, trx);
    const now = deps.clock.now();
    const t = await repo
      .touch(trx)
      .insertInto('notification_templates')
      .values({
        code: input.code,
        name: input.name,
        topic: input.topic,
        channels: input.channels,
        failover_to_in_app: input.failoverToInApp,
        current_version: 1,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!t) throw new AppError('TEMPLATE_CODE_TAKEN');
    const v = await repo
      .touch(trx)
      .insertInto('notification_template_versions')
      .values(versionRow(t.id, 1, input, op, now))
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.template.created',
      target: { type: 'notification_template', id: t.id },
      after: input,
      ip,
    });
    return presentTemplate(t, v);
  });
}

/** Every edit is a new version; sends keep the version they were created with. */
export async function updateTemplate(
  deps: TouchDeps,
  op: OperatorPrincipal,
  id: string,
  input: TemplateUpdate,
  ip: string | null,
): Promise<TemplateView> {
  return transact(deps.db, async (trx) => {
    const t = await repo.touch(trx).selectFrom('notification_templates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!t) throw new AppError('NOT_FOUND');
    await checkTemplate(deps, t.topic, input, trx);
    const now = deps.clock.now();
    const version = t.current_version + 1;
    const v = await repo
      .touch(trx)
      .insertInto('notification_template_versions')
      .values(versionRow(id, version, input, op, now))
      .returningAll()
      .executeTakeFirstOrThrow();
    const updated = await repo
      .touch(trx)
      .updateTable('notification_templates')
      .set({
        name: input.name,
        channels: input.channels,
        failover_to_in_app: input.failoverToInApp,
        current_version: version,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await deps.ports.audit.record(trx, {
      actor: actor(op),
      action: 'touch.template.updated',
      target: { type: 'notification_template', id },
      after: { version, ...input },
      ip,
    });
    return presentTemplate(updated, v);
  });
}

export async function templateVersion(deps: TouchDeps, id: string, version?: number) {
  const t = await repo.touch(deps.db).selectFrom('notification_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) return undefined;
  const v = await repo
    .touch(deps.db)
    .selectFrom('notification_template_versions')
    .selectAll()
    .where('template_id', '=', id)
    .where('version', '=', version ?? t.current_version)
    .executeTakeFirst();
  return v ? { t, v } : undefined;
}

export async function listTemplates(deps: TouchDeps): Promise<TemplateView[]> {
  const rows = await repo
    .touch(deps.db)
    .selectFrom('notification_templates as t')
    .innerJoin('notification_template_versions as v', (j) =>
      j.onRef('v.template_id', '=', 't.id').onRef('v.version', '=', 't.current_version'),
    )
    .selectAll('t')
    .select([
      'v.content',
      'v.variables',
      'v.product_ids',
      'v.activity_link_id',
      'v.wechat_template_id',
      'v.sms_template_code',
      'v.version',
      'v.template_id',
      'v.created_by',
    ])
    .orderBy('t.updated_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => presentTemplate(r, { ...r, template_id: r.id, version: r.current_version }));
}

export async function templateHistory(deps: TouchDeps, id: string) {
  return (
    await repo
      .touch(deps.db)
      .selectFrom('notification_template_versions')
      .selectAll()
      .where('template_id', '=', id)
      .orderBy('version', 'desc')
      .execute()
  ).map((v) => ({
    version: v.version,
    content: v.content,
    variables: v.variables,
    createdBy: v.created_by,
    createdAt: v.created_at.toISOString(),
  }));
}
