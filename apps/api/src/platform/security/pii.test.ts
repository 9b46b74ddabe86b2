import { describe, expect, it } from 'vitest';
import { maskCard, maskIdNumber, maskIp, maskName, maskPhone } from './mask.js';
import { createPiiVault } from './pii.js';

const OLD = 'old-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const NEW = 'new-secret-0123456789abcdefghijklmnopqrstuvwxyz';

describe('personal data vault (AES-256-GCM)', () => {
  it('round-trips and never produces the same ciphertext twice', () => {
    const vault = createPiiVault(NEW);
    const a = vault.encrypt('110105199003071239');
    const b = vault.encrypt('110105199003071239');
    expect(a).not.toBe(b);
    expect(a).not.toContain('110105');
    expect(vault.decrypt(a)).toBe('110105199003071239');
  });

  it('decrypts rows written under a previous key after rotation, and writes with the new key', () => {
    const sealedOld = createPiiVault(OLD).encrypt('13800000001');
    const rotated = createPiiVault(NEW, [OLD]);
    expect(rotated.decrypt(sealedOld)).toBe('13800000001');
    expect(rotated.encrypt('x').split('.')[1]).not.toBe(sealedOld.split('.')[1]);
    expect(() => createPiiVault(NEW).decrypt(sealedOld)).toThrow();
  });

  it('detects tampering', () => {
    const vault = createPiiVault(NEW);
    const parts = vault.encrypt('6222020200112345679').split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => vault.decrypt(parts.join('.'))).toThrow();
  });

  it('indexes under the current key and looks up under every known key after rotation', () => {
    const before = createPiiVault(OLD);
    const after = createPiiVault(NEW, [OLD]);
    const old = before.blindIndex('phone', '13800000001');
    expect(after.blindIndex('phone', '13800000001')).not.toBe(old);
    expect(after.blindIndexes('phone', '13800000001')).toEqual([after.blindIndex('phone', '13800000001'), old]);
    expect(before.blindIndexes('phone', '13800000001')).toEqual([old]);
    expect(before.blindIndex('phone', '13800000001')).not.toBe(before.blindIndex('card', '13800000001'));
    expect(after.sealedWithOldKey(before.encrypt('x'))).toBe(true);
    expect(after.sealedWithOldKey(after.encrypt('x'))).toBe(false);
  });
});

describe('masks', () => {
  it('shows what a member needs to recognise their own data and no more', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskIdNumber('110105199003071239')).toBe('110***********1239');
    expect(maskCard('6222020200112345679')).toBe('6222 **** **** 5679');
    expect(maskName('林晓')).toBe('林*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskIp('203.0.113.42')).toBe('203.0.*.*');
    expect(maskIp('::ffff:10.1.2.3')).toBe('10.1.*.*');
  });
});
