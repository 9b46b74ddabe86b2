import type { UnansweredPage as UnansweredPageSchema } from '@quanzi/contracts';
import { SafetyCertificateFilled } from '@ant-design/icons';
import { parseMarkdown, plainText } from '@quanzi/web-kit';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { ShortId, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { threadLink } from '../announcements/announcement-model';
import { LoadMore } from '../community-groups/load-more';
import { useCursorList } from '../community-groups/use-cursor-list';
import { isOverdue, waited } from './unanswered-model';

type Question = UnansweredPageSchema['items'][number];

/** 待回答问题: questions nobody has answered yet, oldest first, each linking to where members answer it. */
export function UnansweredPage() {
  const { t } = useTranslation();
  const list = useCursorList(
    (cursor) =>
      api<UnansweredPageSchema>('GET', `/forum/questions/unanswered?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    [],
  );
  return (
    <Card title={t('menu.unansweredQuestions')} extra={<Button onClick={list.reload}>{t('communityCommon.refresh')}</Button>}>
      <Alert type="info" showIcon message={t('unanswered.note')} style={{ marginBottom: 16 }} />
      <LoadError error={list.error} onRetry={list.reload} />
      <Table<Question>
        rowKey="id"
        loading={list.loading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('unanswered.empty') }}
        onRow={(q) => ({ 'data-testid': `unanswered-row-${q.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('unanswered.waiting'),
            key: 'waiting',
            render: (_, q) => {
              const w = waited(q.createdAt);
              return <Tag color={isOverdue(q.createdAt) ? 'red' : 'gold'}>{t(`unanswered.waited.${w.unit}`, { count: w.count })}</Tag>;
            },
          },
          {
            title: t('unanswered.question'),
            key: 'question',
            render: (_, q) => (
              <div style={{ minWidth: 240, maxWidth: 460 }}>
                <Typography.Link
                  strong
                  href={threadLink(q.id)}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid={`unanswered-link-${q.id}`}
                >
                  {q.title}
                </Typography.Link>
                {q.excerpt && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
                    {plainText(parseMarkdown(q.excerpt))}
                  </Typography.Paragraph>
                )}
                {q.topics.length > 0 && (
                  <Space size={4} wrap style={{ marginTop: 4 }}>
                    {q.topics.map((topic) => (
                      <Tag key={topic}>#{topic}#</Tag>
                    ))}
                  </Space>
                )}
              </div>
            ),
          },
          {
            title: t('unanswered.asker'),
            key: 'author',
            render: (_, q) => (
              <Space size={4}>
                <span>{q.author.nickname}</span>
                {q.author.badges.includes('expert') && <SafetyCertificateFilled style={{ color: '#1677ff' }} />}
              </Space>
            ),
          },
          {
            title: t('unanswered.where'),
            dataIndex: 'groupId',
            render: (id: string | null) => (id ? <ShortId id={id} /> : t('unanswered.square')),
          },
          { title: t('unanswered.askedAt'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, q) => (
              <Typography.Link href={threadLink(q.id)} target="_blank" rel="noopener noreferrer">
                {t('unanswered.answer')}
              </Typography.Link>
            ),
          },
        ]}
      />
      <LoadMore hasMore={list.hasMore} loading={list.loadingMore} onClick={list.loadMore} testId="unanswered-more" />
    </Card>
  );
}
