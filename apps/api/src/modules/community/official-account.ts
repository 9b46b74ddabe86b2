/**
 * The platform's official account (圈子官方): the author of scheduled posts, welcome messages and
 * keyword replies. It is no member (no login, no membership row); name cards show it as staff.
 */
export const OFFICIAL_ACCOUNT_ID = '00000000-0000-4000-8000-00000000000f';
export const OFFICIAL_NICKNAME = '圈子官方';
