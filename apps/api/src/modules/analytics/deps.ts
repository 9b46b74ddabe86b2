import type { Platform } from '../../platform/context.js';
import type { NotificationsModule } from '../notifications/index.js';
import type { CommunityOpsModule } from '../community-ops/index.js';

export interface AnalyticsDeps extends Pick<Platform, 'db' | 'clock' | 'logger'> {
  notifications?: NotificationsModule;
  communityOps?: CommunityOpsModule;
}
