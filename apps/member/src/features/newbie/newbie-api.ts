import type { MemberTasks, NewbieGuide, NewbieZone } from '@quanzi/contracts';
import { api } from '../../shared/api';

export type { MemberTask, MemberTasks, NewbieGuide, NewbieZone, PublishedGuideEntry } from '@quanzi/contracts';

/** The newbie journey's endpoints: the zone (newbie-only products, privileges), the task center and the public guide. */
export const newbieApi = {
  zone: () => api<NewbieZone>('GET', '/newbie/zone'),
  tasks: () => api<MemberTasks>('GET', '/me/tasks'),
  guide: () => api<NewbieGuide>('GET', '/public/newbie-guide'),
};
