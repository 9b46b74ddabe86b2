import { imageSize } from 'image-size';
import { transact } from '../../platform/db/transact.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { assertActiveMember, assertCanRead } from './access.js';
import type { CommunityDeps } from './deps.js';
import * as repo from './repo.js';
import { checkNewcomerLimits } from './trust.js';

export const IMAGE_LIMITS = { maxBytes: 2 * 1024 * 1024, minSide: 16, maxSide: 4096 };
/** The raster types a member may post, by what the bytes say they are (never by file name or header). */
const ALLOWED = new Map([
  ['jpg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
  ['gif', 'image/gif'],
]);
export const IMAGE_CONTENT_TYPES = [...ALLOWED.values()];

/** What the bytes are; SVG (which can carry script), unknown or broken files are refused. */
export function inspectImage(bytes: Buffer): { mime: string; width: number; height: number } {
  if (bytes.length > IMAGE_LIMITS.maxBytes) throw new AppError('IMAGE_TOO_LARGE', { maxKb: IMAGE_LIMITS.maxBytes / 1024 });
  let info: ReturnType<typeof imageSize>;
  try {
    info = imageSize(bytes);
  } catch {
    throw new AppError('IMAGE_TYPE_UNSUPPORTED');
  }
  const mime = info.type ? ALLOWED.get(info.type) : undefined;
  if (!mime) throw new AppError('IMAGE_TYPE_UNSUPPORTED');
  const { minSide, maxSide } = IMAGE_LIMITS;
  if (!info.width || !info.height || info.width < minSide || info.height < minSide || info.width > maxSide || info.height > maxSide)
    throw new AppError('IMAGE_DIMENSIONS_INVALID', { min: minSide, max: maxSide });
  return { mime, width: info.width, height: info.height };
}

/** Stores an image in the database (every instance can serve it) for the member to post in the group. */
export async function uploadImage(deps: CommunityDeps, memberId: string, groupId: string, bytes: Buffer) {
  const meta = inspectImage(bytes);
  return transact(deps.db, async (trx) => {
    await assertActiveMember(trx, memberId, groupId);
    await checkNewcomerLimits(deps, trx, memberId, { text: '', image: true, mentions: 0 });
    const row = await repo.insertImage(trx, {
      uploader_id: memberId,
      group_id: groupId,
      mime: meta.mime,
      width: meta.width,
      height: meta.height,
      size: bytes.length,
      bytes,
      created_at: deps.clock.now(),
    });
    return { id: row.id, url: `/api/v1/groups/${groupId}/images/${row.id}`, width: row.width, height: row.height };
  });
}

/** An image is served only to those who may read its group. */
export async function readImage(deps: CommunityDeps, memberId: string, groupId: string, imageId: string) {
  await assertCanRead(deps.db, memberId, groupId);
  const image = isUuid(imageId) ? await repo.findImage(deps.db, imageId, true) : undefined;
  if (!image || image.group_id !== groupId || !image.bytes) throw new AppError('NOT_FOUND');
  return { mime: image.mime, bytes: image.bytes };
}
