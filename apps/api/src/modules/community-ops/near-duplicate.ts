/**
 * Near-duplicate detection for scheduled posts: 64-bit SimHash over a text's features — jieba's
 * words (passed in, from search's tokenizer) and the character bigrams of its CJK runs, which keep
 * short Chinese texts comparable when segmentation differs. Two texts whose fingerprints differ in
 * at most NEAR_DUPLICATE_BITS bits are near-duplicates. Pure: tokens in, numbers out.
 */
export const NEAR_DUPLICATE_BITS = 12;

const MASK = (1n << 64n) - 1n;
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;

/** FNV-1a, 64 bits, over the UTF-8 bytes. */
export function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of Buffer.from(text, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK;
  }
  return h;
}

const CJK_RUN = /[\p{Script=Han}]+/gu;

/** The features of a text: its words and the bigrams of its Han runs (digits and dates are left out: they change daily). */
export function features(text: string, words: readonly string[]): string[] {
  const out = new Set<string>();
  for (const w of words) if (!/^\d+$/.test(w)) out.add(`w:${w}`);
  for (const [run] of text.normalize('NFKC').matchAll(CJK_RUN)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.add(`g:${chars[i]}${chars[i + 1]}`);
  }
  return [...out];
}

/** The SimHash fingerprint of a feature set (each feature weighs 1). */
export function simhash(feats: readonly string[]): bigint {
  const votes = new Array<number>(64).fill(0);
  for (const f of feats) {
    const h = fnv1a64(f);
    for (let bit = 0; bit < 64; bit++) votes[bit]! += (h >> BigInt(bit)) & 1n ? 1 : -1;
  }
  let out = 0n;
  for (let bit = 0; bit < 64; bit++) if (votes[bit]! > 0) out |= 1n << BigInt(bit);
  return out;
}

export function hammingDistance(a: bigint, b: bigint): number {
  let x = (a ^ b) & MASK;
  let n = 0;
  while (x) {
    x &= x - 1n;
    n++;
  }
  return n;
}

export const isNearDuplicate = (a: bigint, b: bigint) => hammingDistance(a, b) <= NEAR_DUPLICATE_BITS;

/** Fingerprints are stored as signed 64-bit integers (PostgreSQL bigint). */
export const toSigned = (h: bigint) => BigInt.asIntN(64, h);
export const fromSigned = (h: bigint) => BigInt.asUintN(64, h);
