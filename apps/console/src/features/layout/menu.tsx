import type { Permission } from '@quanzi/contracts';
import { AuditOutlined, MessageOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

/** The console menu; each item shows only to operators holding its permission. */
export const MENU: Array<{ path: string; key: string; permission: Permission; icon: ReactNode }> = [
  { path: '/members', key: 'members', permission: 'members.read', icon: <UserOutlined /> },
  { path: '/operators', key: 'operators', permission: 'operators.manage', icon: <TeamOutlined /> },
  { path: '/audit-log', key: 'auditLog', permission: 'audit.read', icon: <AuditOutlined /> },
  { path: '/sms-outbox', key: 'smsOutbox', permission: 'sms.read', icon: <MessageOutlined /> },
];
