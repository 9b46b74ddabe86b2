import type { Permission } from '@quanzi/contracts';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOperator } from '../../shared/operator-context';

/** A page the operator's roles do not cover says so instead of failing. */
export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useOperator();
  if (!permission || can(permission)) return <>{children}</>;
  return <Result status="403" title="403" subTitle={t('layout.forbidden')} />;
}
