/** The reasons a step-up answer names, as message keys (unknown ones fall back to a generic line). */
export function stepUpReasonKeys(details: unknown): string[] {
  const reasons = (details as { reasons?: unknown } | undefined)?.reasons;
  if (!Array.isArray(reasons)) return [];
  return reasons
    .filter((r): r is string => typeof r === 'string')
    .map((r) => (r.includes('region') ? 'risk.stepUp.newRegion' : r.includes('device') ? 'risk.stepUp.newDevice' : 'risk.stepUp.other'));
}
