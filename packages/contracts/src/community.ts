import { z } from 'zod';

export const _communityPlaceholder = z.never().optional();
