import { describe, expect, it } from 'vitest';
import { stepUpReasonKeys } from './step-up';

describe('step-up reasons', () => {
  it('names a new device or region, and ignores what is not a list of strings', () => {
    expect(stepUpReasonKeys({ reasons: ['login_new_device', 'login_new_region', 'ring'] })).toEqual([
      'risk.stepUp.newDevice',
      'risk.stepUp.newRegion',
      'risk.stepUp.other',
    ]);
    expect(stepUpReasonKeys({ reasons: 'x' })).toEqual([]);
    expect(stepUpReasonKeys(undefined)).toEqual([]);
  });
});
