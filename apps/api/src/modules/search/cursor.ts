/*
 * Search pages by offset, not keyset. The order is a score computed per query (text rank times a
 * recency factor), which no index can serve, so a keyset would save no work and would need the
 * float score to round-trip exactly. Offsets stay cheap because the result set is capped: nobody
 * reads past 200 search hits, and the cap bounds what a crafted cursor can make the server sort.
 *
 * The cursor also pins `asOf`, the moment the first page was asked for: later pages score recency
 * against the same instant and leave out documents indexed since, so messages arriving while the
 * member scrolls neither shuffle the order nor push a hit onto the next page twice.
 */

/** No page goes past this many hits. */
export const MAX_RESULTS = 200;

export interface PagePosition {
  offset: number;
  asOf: Date;
}

export const encodeCursor = (page: PagePosition): string =>
  Buffer.from(JSON.stringify({ o: page.offset, t: page.asOf.getTime() }), 'utf8').toString('base64url');

/** The position a cursor stands for; undefined for anything this module did not write. */
export function decodeCursor(cursor: string): PagePosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return undefined;
    const { o, t } = value as { o?: unknown; t?: unknown };
    if (!Number.isInteger(o) || (o as number) < 0 || (o as number) > MAX_RESULTS) return undefined;
    if (!Number.isInteger(t) || !Number.isFinite(new Date(t as number).getTime())) return undefined;
    return { offset: o as number, asOf: new Date(t as number) };
  } catch {
    return undefined;
  }
}
