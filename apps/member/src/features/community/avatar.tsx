const COLORS = ['#1677ff', '#00b578', '#ff8f1f', '#7b61ff', '#eb2f96', '#13a8a8', '#fa541c', '#2f54eb'];

/** A stable colour for an id or name (the same member always looks the same). */
export function colorFor(key: string): string {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.codePointAt(0)!) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}

/** The first character of a name on a coloured square; the name is text, never markup. */
export function Avatar({ id, name, size = 36, className = 'avatar' }: { id: string; name: string; size?: number; className?: string }) {
  return (
    <div className={className} style={{ background: colorFor(id), width: size, height: size }} aria-hidden>
      {Array.from(name.trim())[0] ?? '?'}
    </div>
  );
}
