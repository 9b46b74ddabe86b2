import { z } from 'zod';

export const _forumPlaceholder = z.never().optional();
