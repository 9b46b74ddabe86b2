export interface ClosureBlocker {
  module: string;
  reason: string;
}

/**
 * Modules that hold something for a member (money, holdings, loans, open appeals) register a check;
 * an account closes only when every check says nothing is open.
 */
export class ClosureChecks {
  private readonly checks: Array<{ module: string; check: (memberId: string) => Promise<string | null> }> = [];

  register(module: string, check: (memberId: string) => Promise<string | null>): void {
    this.checks.push({ module, check });
  }

  async blockers(memberId: string): Promise<ClosureBlocker[]> {
    const results = await Promise.all(this.checks.map(async ({ module, check }) => ({ module, reason: await check(memberId) })));
    return results.filter((r): r is ClosureBlocker => r.reason !== null);
  }
}
