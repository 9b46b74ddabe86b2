import { describe, expect, it } from 'vitest';
import {
  ageOn,
  cardNumberValid,
  chineseNameValid,
  idCheckDigit,
  luhnValid,
  parseIdNumber,
  passwordStrong,
  paymentPasswordStrong,
  phoneValid,
} from './validators.js';

describe('resident ID (GB 11643)', () => {
  it('accepts a valid ID and reads birth date and sex from it', () => {
    expect(parseIdNumber('110105199003071239')).toEqual({ normalized: '110105199003071239', birthDate: '1990-03-07', sex: 'male' });
  });
  it('computes the check character, including X', () => {
    expect(idCheckDigit('11010519900307123')).toBe('9');
    const withX = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']
      .map((d) => `1101051990030712${d}`)
      .find((p) => idCheckDigit(p) === 'X')!;
    expect(parseIdNumber(`${withX}x`)?.normalized).toBe(`${withX}X`);
  });
  it('rejects a wrong check digit, an impossible date, and the wrong length', () => {
    expect(parseIdNumber('110105199003071230')).toBeNull();
    expect(parseIdNumber(`11010519900230${'123'}${idCheckDigit('11010519900230123')}`)).toBeNull();
    expect(parseIdNumber('11010519900307123')).toBeNull();
  });
  it('counts age in whole years on a calendar day', () => {
    expect(ageOn('2008-11-24', '2026-11-24')).toBe(18);
    expect(ageOn('2008-11-25', '2026-11-24')).toBe(17);
  });
});

describe('bank cards', () => {
  it('checks Luhn on 16–19 digits, ignoring spaces', () => {
    expect(luhnValid('6222020200112345679')).toBe(true);
    expect(luhnValid('6222020200112345678')).toBe(false);
    expect(cardNumberValid('6222 0202 0011 2345 679')).toBe(true);
    expect(cardNumberValid('4242')).toBe(false);
  });
});

describe('names, phones and passwords', () => {
  it('accepts Chinese legal names with the middle dot, and rejects the rest', () => {
    expect(chineseNameValid('林晓')).toBe(true);
    expect(chineseNameValid('阿卜杜·热合曼')).toBe(true);
    expect(chineseNameValid('Lin Xiao')).toBe(false);
    expect(chineseNameValid('林')).toBe(false);
  });
  it('accepts mainland mobile numbers only', () => {
    expect(phoneValid('13800000001')).toBe(true);
    expect(phoneValid('12800000001')).toBe(false);
  });
  it('wants 8+ characters with letters and digits', () => {
    expect(passwordStrong('abc12345')).toBe(true);
    expect(passwordStrong('12345678')).toBe(false);
    expect(passwordStrong('abc1234')).toBe(false);
  });
  it('rejects trivially guessable payment passwords', () => {
    expect(paymentPasswordStrong('135790')).toBe(true);
    for (const weak of ['123456', '654321', '111111', '12345', 'abcdef']) expect(paymentPasswordStrong(weak)).toBe(false);
  });
});
