import type { ConsoleLiveSession, LiveQuestion } from '@quanzi/contracts';
import { CheckOutlined, LikeOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Drawer, Empty, List, Popconfirm, Segmented, Space, Spin, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';

type Show = 'open' | 'answered' | 'all';
const REFRESH_MS = 10_000;

/** The live room's question queue, most upvoted first; the host's side marks questions answered. */
export function QuestionsDrawer({
  session,
  onClose,
  onChanged,
}: {
  session: ConsoleLiveSession | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const [show, setShow] = useState<Show>('open');
  const id = session?.id;
  const { data, error, loading, reload } = useLoad(
    () => (id ? api<{ items: LiveQuestion[] }>('GET', `/live/${id}/questions`).then((r) => r.items) : Promise.resolve([])),
    [id],
  );
  // While the session is live, questions keep arriving: refresh every few seconds.
  useEffect(() => {
    if (session?.status !== 'live') return;
    const timer = window.setInterval(() => void reload(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [session?.status, reload]);

  const items = (data ?? []).filter((q) => show === 'all' || q.status === show);
  const openCount = (data ?? []).filter((q) => q.status === 'open').length;

  const answer = async (q: LiveQuestion) => {
    try {
      await api('POST', `/live/questions/${q.id}/answered`);
      void message.success(t('live.answeredDone'));
      void reload();
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Drawer
      open={session !== null}
      width={640}
      onClose={onClose}
      destroyOnHidden
      title={session ? t('live.questionsTitle', { title: session.title }) : ''}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={[
            { value: 'open', label: t('live.qOpen', { count: openCount }) },
            { value: 'answered', label: t('live.qAnswered') },
            { value: 'all', label: t('live.qAll') },
          ]}
        />
        <Button size="small" onClick={reload}>
          {t('communityCommon.refresh')}
        </Button>
        {session?.status === 'live' && <Typography.Text type="secondary">{t('live.autoRefresh')}</Typography.Text>}
      </Space>
      <LoadError error={error} onRetry={reload} />
      <Spin spinning={loading && !data}>
        {items.length === 0 ? (
          <Empty description={t('live.noQuestions')} />
        ) : (
          <List<LiveQuestion>
            dataSource={items}
            renderItem={(q) => (
              <List.Item
                key={q.id}
                data-testid={`question-${q.id}`}
                actions={
                  q.status === 'open' && (session?.status === 'live' || session?.status === 'scheduled')
                    ? [
                        <Popconfirm
                          key="answer"
                          title={t('live.markAnsweredConfirm')}
                          okText={t('live.markAnswered')}
                          cancelText={t('communityCommon.cancel')}
                          okButtonProps={{ 'data-testid': 'question-answer-confirm' }}
                          onConfirm={() => answer(q)}
                        >
                          <Button size="small" icon={<CheckOutlined />} data-testid={`question-answer-${q.id}`}>
                            {t('live.markAnswered')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                <div style={{ minWidth: 0 }}>
                  <Space size={8} wrap>
                    <Typography.Text strong>{q.author.nickname}</Typography.Text>
                    <Tag icon={<LikeOutlined />}>{q.upvotes}</Tag>
                    {q.status === 'answered' && <Tag color="green">{t('live.qAnsweredTag')}</Tag>}
                    {q.status === 'held' && <Tag color="orange">{t('live.qHeldTag')}</Tag>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {shanghaiTime(q.createdAt)}
                    </Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '4px 0 0' }}>
                    {q.body}
                  </Typography.Paragraph>
                  {q.warning && (
                    <Typography.Text type="warning" style={{ fontSize: 12 }}>
                      <WarningOutlined /> {t(`live.warning.${q.warning}`)}
                    </Typography.Text>
                  )}
                </div>
              </List.Item>
            )}
          />
        )}
      </Spin>
    </Drawer>
  );
}
