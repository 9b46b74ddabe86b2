import { z } from 'zod';

export const _moderationPlaceholder = z.never().optional();
