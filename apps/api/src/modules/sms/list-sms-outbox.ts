import type { Page, SmsOutboxItem } from '@quanzi/contracts';
import type { Executor } from '../../platform/db/connect.js';
import { maskPhone } from '../../platform/security/mask.js';
import type { PiiVault } from '../../platform/security/pii.js';
import { findMessages } from './repo.js';

export async function listSmsOutbox(
  db: Executor,
  vault: PiiVault,
  phone: string | undefined,
  page: number,
  pageSize: number,
): Promise<Page<SmsOutboxItem>> {
  const { rows, total } = await findMessages(db, phone ? vault.blindIndexes('phone', phone) : undefined, (page - 1) * pageSize, pageSize);
  return {
    items: rows.map((r) => ({
      id: r.id,
      phoneMasked: maskPhone(vault.decrypt(r.phone_enc)),
      purpose: r.purpose,
      content: r.content,
      channel: r.channel,
      sentAt: r.sent_at.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}
