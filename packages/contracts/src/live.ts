import { z } from 'zod';

export const _livePlaceholder = z.never().optional();
