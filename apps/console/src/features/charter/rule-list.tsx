import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CharterRule } from './charter-model';

/** A rule's title and text as members read them, with the code moderation cites. */
export function RuleText({ rule, deleted }: { rule: CharterRule; deleted?: boolean }) {
  return (
    <div>
      <Typography.Text strong delete={deleted}>
        {rule.title}
      </Typography.Text>
      <Typography.Paragraph delete={deleted} style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>
        {rule.body}
      </Typography.Paragraph>
    </div>
  );
}

/** The rules of one charter version, in order. */
export function RuleList({ rules, testId }: { rules: CharterRule[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <List
      data-testid={testId}
      size="small"
      dataSource={rules}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('charter.noRules')} /> }}
      renderItem={(rule) => (
        <List.Item key={rule.code} data-testid={testId ? `${testId}-${rule.code}` : undefined} style={{ alignItems: 'flex-start' }}>
          <Tag style={{ fontFamily: 'monospace', marginTop: 2 }}>{rule.code}</Tag>
          <div style={{ flex: 1 }}>
            <RuleText rule={rule} />
          </div>
        </List.Item>
      )}
    />
  );
}
