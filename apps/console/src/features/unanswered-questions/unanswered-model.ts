/** How long a question has waited, in the largest whole unit: minutes, hours or days. */
export function waited(createdAt: string, now = Date.now()): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  const minutes = Math.max(0, Math.floor((now - new Date(createdAt).getTime()) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

/** A question waiting longer than this is shown as overdue. */
export const OVERDUE_HOURS = 24;
export const isOverdue = (createdAt: string, now = Date.now()): boolean => now - new Date(createdAt).getTime() > OVERDUE_HOURS * 3600_000;
