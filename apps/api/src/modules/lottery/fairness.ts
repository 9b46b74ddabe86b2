import crypto from 'node:crypto';

/**
 * The provably fair draw (pure). When a wheel opens, the canonical JSON of its prizes and weights
 * (`weightsDoc`) and `commitment = SHA-256(weightsDoc + "\n" + seed)` are published; the seed stays
 * secret until the wheel closes. Draw number `seq` (1, 2, 3 … per wheel, no gaps) rolls
 * `HMAC-SHA256(seed, "<wheelId>:<seq>")`; its first 6 bytes as an unsigned big-endian integer modulo
 * the total weight pick the prize by cumulative weight in position order. A guaranteed draw (after N
 * misses) takes the same number modulo the total weight of the winning prizes only. A prize whose
 * stock has run out is replaced (`substituted`): by the first miss prize for a normal draw, by the
 * next winning prize in stock for a guaranteed one (or, with no miss prize, the next prize in stock).
 * A member whose level grants a higher lottery weight (`weightPercent` > 100, published with the draw)
 * rolls with every winning prize's weight × weightPercent and every miss prize's weight × 100.
 * Anyone can recompute every draw after the reveal.
 */
export const ALGORITHM =
  'commitment=SHA256(weightsDoc+"\\n"+seed); roll=HMAC-SHA256(seed,wheelId+":"+seq)[0..6] BE mod totalWeight; weightPercent≠100: winning weights×weightPercent, miss weights×100; guaranteed: winning prizes only';

export interface CommittedPrize {
  position: number;
  name: string;
  kind: string;
  weight: number;
}

export function weightsDocument(wheelId: string, guaranteeAfter: number | null, prizes: readonly CommittedPrize[]): string {
  const sorted = [...prizes].sort((a, b) => a.position - b.position);
  return JSON.stringify({
    wheelId,
    guaranteeAfter,
    prizes: sorted.map((p) => ({ position: p.position, name: p.name, kind: p.kind, weight: p.weight })),
  });
}

export const commitmentOf = (weightsDoc: string, seed: string): string =>
  crypto.createHash('sha256').update(`${weightsDoc}\n${seed}`).digest('hex');

export const newSeed = (): string => crypto.randomBytes(32).toString('hex');

export function rollNumber(seed: string, wheelId: string, seq: number): number {
  return crypto.createHmac('sha256', seed).update(`${wheelId}:${seq}`).digest().readUIntBE(0, 6);
}

/** The position a roll lands on among `prizes` (guaranteed: among winning prizes only). */
export function rolledPosition(prizes: readonly CommittedPrize[], roll: number, guaranteed: boolean, weightPercent = 100): number {
  const pool = [...prizes]
    .sort((a, b) => a.position - b.position)
    .filter((p) => !guaranteed || p.kind !== 'none')
    .map((p) => (weightPercent === 100 ? p : { ...p, weight: p.weight * (p.kind === 'none' ? 100 : weightPercent) }));
  const total = pool.reduce((s, p) => s + p.weight, 0);
  if (total <= 0) throw new Error('no prize to roll');
  let r = roll % total;
  for (const p of pool) {
    if (r < p.weight) return p.position;
    r -= p.weight;
  }
  return pool.at(-1)!.position;
}

export interface PublishedDraw {
  seq: number;
  rolledPosition: number;
  prizePosition: number | null;
  guaranteed: boolean;
  substituted: boolean;
  weightPercent?: number;
}

/** What a member (or anyone) checks after the reveal: the commitment and each draw's roll. */
export function verifyRecord(record: {
  wheelId: string;
  weightsDoc: string;
  commitment: string;
  seed: string;
  draws: readonly PublishedDraw[];
}): {
  commitmentValid: boolean;
  invalidDraws: number[];
} {
  const commitmentValid = commitmentOf(record.weightsDoc, record.seed) === record.commitment;
  const doc = JSON.parse(record.weightsDoc) as { wheelId: string; prizes: CommittedPrize[] };
  const invalidDraws = record.draws
    .filter((d) => {
      const rolled = rolledPosition(doc.prizes, rollNumber(record.seed, doc.wheelId, d.seq), d.guaranteed, d.weightPercent ?? 100);
      return rolled !== d.rolledPosition || (!d.substituted && d.prizePosition !== d.rolledPosition);
    })
    .map((d) => d.seq);
  return { commitmentValid: commitmentValid && doc.wheelId === record.wheelId, invalidDraws };
}
