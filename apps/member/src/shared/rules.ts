import { phoneValid } from '@quanzi/contracts';
import i18n from './i18n';

type Rule = { required: true; message: string } | { validator: (rule: unknown, value: string) => Promise<void> };

/** Form rules from a shared validator: required, then `valid` (message key `invalid`). */
export function rulesFor(required: string, invalid: string, valid: (value: string) => boolean): Rule[] {
  return [
    { required: true, message: i18n.t(required) },
    {
      validator: async (_, value) => {
        if (value && !valid(value)) throw new Error(i18n.t(invalid));
      },
    },
  ];
}

export const phoneRules = () => rulesFor('auth.phoneRequired', 'auth.phoneInvalid', phoneValid);
export const codeRules = () => rulesFor('auth.codeRequired', 'auth.codeInvalid', (v) => /^\d{6}$/.test(v));
