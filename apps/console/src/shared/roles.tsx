import type { OperatorRole } from '@quanzi/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<OperatorRole, string> = {
  admin: 'red',
  compliance: 'purple',
  risk: 'volcano',
  customer_service: 'blue',
  community_manager: 'green',
  growth: 'cyan',
  finance: 'gold',
};

export function RoleTags({ roles }: { roles: OperatorRole[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((r) => (
        <Tag key={r} color={COLORS[r]}>
          {t(`roles.${r}`)}
        </Tag>
      ))}
    </>
  );
}
