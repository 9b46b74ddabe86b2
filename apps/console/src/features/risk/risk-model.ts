/** Pure helpers for the risk pages (tested without a browser). */
export interface RingLink {
  a: string;
  b: string;
  kind: string;
  weight: number;
}

export const LINK_COLORS: Record<string, string> = {
  device: '#cf1322',
  fingerprint: '#eb2f96',
  card: '#d46b08',
  id_number: '#722ed1',
  ip24: '#8c8c8c',
  referral: '#1677ff',
};

/** A short label for a member id in the graph (the focus member is marked). */
export const shortId = (id: string) => id.slice(0, 8);

/**
 * ECharts graph data: one node per member (the focus member larger), one edge per member pair
 * with the kinds that tie them (a pair tied by a device and a card shows one edge, both kinds).
 */
export function ringGraph(members: string[], links: RingLink[], focus: string | null) {
  const pairs = new Map<string, { source: string; target: string; kinds: string[]; weight: number }>();
  for (const l of links) {
    const key = `${l.a}|${l.b}`;
    const p = pairs.get(key) ?? { source: l.a, target: l.b, kinds: [], weight: 0 };
    if (!p.kinds.includes(l.kind)) p.kinds.push(l.kind);
    p.weight += l.weight;
    pairs.set(key, p);
  }
  const nodes = members.map((m) => ({ id: m, name: shortId(m), symbolSize: m === focus ? 36 : 22, category: m === focus ? 0 : 1 }));
  const edges = [...pairs.values()]
    .sort((x, y) => x.source.localeCompare(y.source) || x.target.localeCompare(y.target))
    .map((p) => {
      const strongest = [...p.kinds].sort((x, y) => (LINK_RANK[x] ?? 9) - (LINK_RANK[y] ?? 9))[0]!;
      return {
        source: p.source,
        target: p.target,
        kinds: p.kinds,
        weight: p.weight,
        lineStyle: { color: LINK_COLORS[strongest] ?? '#999', width: Math.min(6, 1 + p.weight / 30) },
      };
    });
  return { nodes, edges };
}
const LINK_RANK: Record<string, number> = { id_number: 0, card: 1, device: 2, fingerprint: 3, referral: 4, ip24: 5 };

/** Fen string → "¥1,234.56" without floats. */
export function yuan(fen: string): string {
  const neg = fen.startsWith('-');
  const digits = (neg ? fen.slice(1) : fen).padStart(3, '0');
  const int = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}¥${int}.${digits.slice(-2)}`;
}
