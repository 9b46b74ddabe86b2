import { PictureOutlined, PushpinOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, List, Modal, Space, Spin, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { MemberName } from './group-members';
import { mergeMessages, type ConsoleGroup, type GroupMessage, type MessagePage } from './group-model';

const STATUS_COLORS = { visible: 'default', held: 'orange', recalled: 'default', hidden: 'volcano', deleted: 'red' } as const;
const PAGE = 50;

/**
 * The group's recent messages as members see them, oldest at the top, for context before acting
 * or pinning. Member text is shown as plain text — never as HTML or Markdown.
 */
export function GroupMessages({ group, onChanged }: { group: ConsoleGroup; onChanged(): void }) {
  const { t } = useTranslation();
  const [modal, contextHolder] = Modal.useModal();
  const [items, setItems] = useState<GroupMessage[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (before?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await api<MessagePage>('GET', `/groups/${group.id}/messages?limit=${PAGE}${before ? `&before=${before}` : ''}`);
        setItems((prev) => (before ? mergeMessages(page.items, prev) : mergeMessages([], page.items)));
        setHasMore(page.hasMore);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [group.id],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const pin = (m: GroupMessage) =>
    void modal.confirm({
      title: t('groups.pinTitle'),
      content: (
        <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ whiteSpace: 'pre-wrap' }}>
          {m.text}
        </Typography.Paragraph>
      ),
      okText: t('groups.pin'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { 'data-testid': 'message-pin-confirm' },
      onOk: async () => {
        try {
          await api('PATCH', `/groups/${group.id}`, { pinnedMessageId: m.id });
          void message.success(t('groups.pinnedDone'));
          onChanged();
        } catch (err) {
          void message.error(errorMessage(err));
          throw err;
        }
      },
    });

  return (
    <>
      {contextHolder}
      <Alert type="info" showIcon message={t('groups.messagesNote')} style={{ marginBottom: 12 }} />
      <LoadError error={error} onRetry={() => void load()} />
      <Space style={{ marginBottom: 8 }}>
        {hasMore && (
          <Button size="small" loading={loading} data-testid="messages-older" onClick={() => void load(items[0]?.seq)}>
            {t('groups.olderMessages')}
          </Button>
        )}
        <Button size="small" onClick={() => void load()}>
          {t('communityCommon.refresh')}
        </Button>
      </Space>
      <Spin spinning={loading}>
        {items.length === 0 && !loading ? (
          <Empty description={t('groups.noMessages')} />
        ) : (
          <List<GroupMessage>
            size="small"
            dataSource={items}
            renderItem={(m) => (
              <List.Item
                key={m.id}
                data-testid={`message-${m.id}`}
                actions={
                  m.status === 'visible' && m.kind !== 'image'
                    ? [
                        <Button
                          key="pin"
                          type="link"
                          size="small"
                          icon={<PushpinOutlined />}
                          data-testid={`message-pin-${m.id}`}
                          onClick={() => pin(m)}
                        >
                          {t('groups.pin')}
                        </Button>,
                      ]
                    : []
                }
              >
                <MessageBody message={m} />
              </List.Item>
            )}
          />
        )}
      </Spin>
    </>
  );
}

function MessageBody({ message: m }: { message: GroupMessage }) {
  const { t } = useTranslation();
  return (
    <div style={{ width: '100%', minWidth: 0 }}>
      <Space size={8} wrap>
        <MemberName card={m.author} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          #{m.seq} · {shanghaiTime(m.createdAt)}
        </Typography.Text>
        {m.status !== 'visible' && <Tag color={STATUS_COLORS[m.status]}>{t(`groups.messageStatus.${m.status}`)}</Tag>}
      </Space>
      {m.replyTo && (
        <div
          style={{
            borderLeft: '3px solid #d9d9d9',
            paddingLeft: 8,
            margin: '4px 0',
            color: '#8c8c8c',
            fontSize: 12,
            whiteSpace: 'pre-wrap',
          }}
        >
          {m.replyTo.authorNickname}: {m.replyTo.excerpt}
        </div>
      )}
      {m.text && (
        <Typography.Paragraph
          data-testid={`message-text-${m.id}`}
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: '4px 0 0' }}
        >
          {m.text}
        </Typography.Paragraph>
      )}
      {m.kind === 'image' && m.status === 'visible' && (
        <Typography.Text type="secondary">
          <PictureOutlined /> {t('groups.image')} {m.image ? `${m.image.width}×${m.image.height}` : ''}
        </Typography.Text>
      )}
      {m.product && (
        <Tag color="cyan" style={{ marginTop: 4 }}>
          {t('groups.productCard')} {m.product.name}
        </Tag>
      )}
      {m.warning && (
        <div>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            <WarningOutlined /> {m.warning}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}
