import { z } from 'zod';

export const _searchPlaceholder = z.never().optional();
