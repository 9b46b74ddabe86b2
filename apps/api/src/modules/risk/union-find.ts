/** Union-find with path halving and union by size, over string ids (members). */
export class UnionFind {
  private parent = new Map<string, string>();
  private size = new Map<string, number>();

  find(x: string): string {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      this.size.set(x, 1);
      return x;
    }
    let p = this.parent.get(x)!;
    while (p !== x) {
      const gp = this.parent.get(p)!;
      this.parent.set(x, gp);
      x = p;
      p = this.parent.get(x)!;
    }
    return x;
  }

  union(a: string, b: string): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
  }

  /** Components with at least `minSize` members, each sorted, keyed by its smallest member. */
  components(minSize: number): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      const g = groups.get(r);
      if (g) g.push(x);
      else groups.set(r, [x]);
    }
    const out = new Map<string, string[]>();
    for (const g of groups.values()) {
      if (g.length < minSize) continue;
      g.sort();
      out.set(g[0]!, g);
    }
    return out;
  }
}
