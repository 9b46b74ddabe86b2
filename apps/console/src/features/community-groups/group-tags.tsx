import { GlobalOutlined, LockOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsoleGroup } from './group-model';

const POLICY_COLORS = { open: 'green', approval: 'gold', invite: 'purple' } as const;

/** Who can see the group and how one gets in. */
export function GroupTags({ group }: { group: Pick<ConsoleGroup, 'visibility' | 'joinPolicy'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag
        icon={group.visibility === 'public' ? <GlobalOutlined /> : <LockOutlined />}
        color={group.visibility === 'public' ? 'blue' : 'default'}
      >
        {t(`groups.visibility.${group.visibility}`)}
      </Tag>
      <Tag color={POLICY_COLORS[group.joinPolicy]}>{t(`groups.joinPolicy.${group.joinPolicy}`)}</Tag>
    </Space>
  );
}
