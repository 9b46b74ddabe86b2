/** The invitee's first investment must come within this many days of registering for the inviter to be rewarded. */
export const WINDOW_DAYS = 30;
/** A code may be entered after registering for this long (if none came with the registration). */
export const BIND_DAYS = 7;
/** 邀请越多奖励越多: the n-th converted invitee (from `from` on) earns the inviter `points`. */
export const TIERS = [
  { from: 1, points: 100 },
  { from: 4, points: 150 },
  { from: 11, points: 200 },
] as const;
export const tierFor = (n: number) => {
  let index = 0;
  TIERS.forEach((t, i) => {
    if (n >= t.from) index = i;
  });
  return { tier: index + 1, points: TIERS[index]!.points };
};
/** Eight characters without look-alikes (no 0/O, 1/I). */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
