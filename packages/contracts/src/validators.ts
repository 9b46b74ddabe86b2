/**
 * Checks shared by the apps (inline validation) and the API (the authority). Pure functions.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check character of the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export interface ParsedIdNumber {
  normalized: string;
  birthDate: string;
  /** Odd 17th digit = male. */
  sex: 'male' | 'female';
}

/** An 18-digit resident ID with a valid date of birth and check character, or null. */
export function parseIdNumber(raw: string): ParsedIdNumber | null {
  const id = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return null;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (idCheckDigit(id.slice(0, 17)) !== id[17]) return null;
  return {
    normalized: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 ? 'male' : 'female',
  };
}

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Luhn (mod 10) check used by UnionPay card numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}

/** Card numbers are typed with spaces; banks issue 16–19 digits. */
export const normalizeCardNumber = (raw: string): string => raw.replace(/[\s-]/g, '');

export const cardNumberValid = (raw: string): boolean => {
  const digits = normalizeCardNumber(raw);
  return /^\d{16,19}$/.test(digits) && luhnValid(digits);
};

/** Chinese legal names: 2–20 Han characters, with the middle dot used in minority and transliterated names. */
export const chineseNameValid = (raw: string): boolean =>
  /^[\u4e00-\u9fa5\u3400-\u4dbf]([\u4e00-\u9fa5\u3400-\u4dbf·]{0,18})[\u4e00-\u9fa5\u3400-\u4dbf]$/u.test(raw.trim());

export const phoneValid = (raw: string): boolean => /^1[3-9]\d{9}$/.test(raw);

/** 8–64 characters with at least one letter and one digit. */
export const passwordStrong = (password: string): boolean =>
  password.length >= 8 && password.length <= 64 && /[A-Za-z]/.test(password) && /\d/.test(password);

/** Six digits that are not all the same and not a run such as 123456 or 654321. */
export function paymentPasswordStrong(pin: string): boolean {
  if (!/^\d{6}$/.test(pin)) return false;
  if (/^(\d)\1{5}$/.test(pin)) return false;
  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((d, i) => d - digits[i]!);
  return !(steps.every((s) => s === 1) || steps.every((s) => s === -1));
}
