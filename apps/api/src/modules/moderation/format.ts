const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** "2026-11-24 18:30" in Asia/Shanghai (no daylight saving): how members read a mute's end. */
export function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
