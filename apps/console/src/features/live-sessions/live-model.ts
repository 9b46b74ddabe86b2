import { StreamUrl, type ConsoleLiveSession, type LiveStatus, type ScheduleLiveRequest, type UpdateLiveRequest } from '@quanzi/contracts';

export const LIMITS = { titleMin: 2, titleMax: 60, description: 2000, hostName: 32, streamUrl: 500 } as const;

/** The form's values; `scheduledWall` is the start as a wall-clock time in China, "YYYY-MM-DDTHH:mm". */
export interface LiveFormValues {
  title?: string;
  description?: string;
  hostName?: string;
  hostMemberId?: string;
  streamUrl?: string;
  scheduledWall?: string;
  groupId?: string;
}

/** Whether members may be sent to this URL: https, a real host name, no credentials (the contract's rule). */
export const isValidStreamUrl = (url: string | undefined): boolean => !!url && StreamUrl.safeParse(url.trim()).success;

/** A wall-clock time in China → ISO 8601 with the +08:00 offset, whatever the browser's zone. */
export const shanghaiWallToOffset = (wall: string): string => `${wall.length === 16 ? `${wall}:00` : wall}+08:00`;

/** An instant → its wall-clock time in China, "YYYY-MM-DDTHH:mm" (for the date picker). */
export function shanghaiWall(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Whether a China wall-clock time is still ahead of `now` (the server refuses a start in the past). */
export const isFutureWall = (wall: string, now = Date.now()): boolean => new Date(shanghaiWallToOffset(wall)).getTime() > now;

const trimmed = (s: string | undefined) => (s ?? '').trim();

export function toScheduleRequest(v: LiveFormValues): ScheduleLiveRequest {
  if (!v.scheduledWall) throw new Error('scheduledAt required');
  const host = trimmed(v.hostMemberId);
  return {
    title: trimmed(v.title),
    description: trimmed(v.description),
    hostName: trimmed(v.hostName),
    streamUrl: trimmed(v.streamUrl),
    scheduledAt: shanghaiWallToOffset(v.scheduledWall),
    ...(host ? { hostMemberId: host } : {}),
    ...(v.groupId ? { groupId: v.groupId } : {}),
  };
}

/**
 * Only what changed, as the PATCH body (null when nothing did). Clearing the host member makes the
 * operator the host; the start time is sent only while the session has not started.
 */
export function toUpdateRequest(
  v: LiveFormValues,
  s: Pick<ConsoleLiveSession, 'title' | 'description' | 'hostName' | 'hostMemberId' | 'streamUrl' | 'scheduledAt' | 'status'>,
): UpdateLiveRequest | null {
  const out: Partial<UpdateLiveRequest> = {};
  if (trimmed(v.title) !== s.title) out.title = trimmed(v.title);
  if (trimmed(v.description) !== s.description) out.description = trimmed(v.description);
  if (trimmed(v.hostName) !== s.hostName) out.hostName = trimmed(v.hostName);
  const host = trimmed(v.hostMemberId) || null;
  if (host !== s.hostMemberId) out.hostMemberId = host;
  if (trimmed(v.streamUrl) !== s.streamUrl) out.streamUrl = trimmed(v.streamUrl);
  if (s.status === 'scheduled' && v.scheduledWall && v.scheduledWall !== shanghaiWall(s.scheduledAt))
    out.scheduledAt = shanghaiWallToOffset(v.scheduledWall);
  return Object.keys(out).length ? (out as UpdateLiveRequest) : null;
}

export type LiveCommand = 'start' | 'end' | 'cancel';

/** What an operator may do with a session in its state. */
export function commandsFor(status: LiveStatus): { edit: boolean; commands: LiveCommand[] } {
  switch (status) {
    case 'scheduled':
      return { edit: true, commands: ['start', 'cancel'] };
    case 'live':
      return { edit: true, commands: ['end'] };
    default:
      return { edit: false, commands: [] };
  }
}

export const STATUS_COLORS: Record<LiveStatus, string> = { scheduled: 'blue', live: 'red', ended: 'default', cancelled: 'default' };
