import {
  FORUM_BODY_MAX_CHARS,
  THREAD_PRODUCT_TAGS_MAX,
  THREAD_TITLE_MAX_CHARS,
  THREAD_TITLE_MIN_CHARS,
  type AnnouncementRequest,
} from '@quanzi/contracts';

export const LIMITS = {
  titleMin: THREAD_TITLE_MIN_CHARS,
  titleMax: THREAD_TITLE_MAX_CHARS,
  body: FORUM_BODY_MAX_CHARS,
  products: THREAD_PRODUCT_TAGS_MAX,
} as const;

export interface AnnouncementFormValues {
  title?: string;
  body?: string;
  productIds?: string[];
}

/** The request: the title trimmed, the Markdown body as typed (only trailing blank space dropped), products deduplicated. */
export function toAnnouncementRequest(v: AnnouncementFormValues): AnnouncementRequest {
  return {
    title: (v.title ?? '').trim(),
    body: (v.body ?? '').replace(/\s+$/, ''),
    productIds: [...new Set(v.productIds ?? [])],
  };
}

/** The member-app path of a thread, for links out of the console. */
export const threadLink = (id: string): string => `/threads/${id}`;
