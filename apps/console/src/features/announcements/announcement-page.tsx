import type { ThreadDetail } from '@quanzi/contracts';
import { NotificationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { useOperator } from '../../shared/operator-context';
import { ProductSelect } from '../../shared/product-select';
import { UUID_PATTERN } from '../community-groups/group-model';
import { LIMITS, threadLink, toAnnouncementRequest, type AnnouncementFormValues } from './announcement-model';
import { MarkdownView } from './markdown-view';

/** 官方公告: an official thread in the square, marked 官方 and signed by the platform (the poster is in the audit log). */
export function AnnouncementPage() {
  const { t } = useTranslation();
  const { can } = useOperator();
  const [form] = Form.useForm<AnnouncementFormValues>();
  const [modal, contextHolder] = Modal.useModal();
  const [error, setError] = useState<string>();
  const [posted, setPosted] = useState<{ id: string; title: string }>();
  const title = Form.useWatch('title', form) ?? '';
  const body = Form.useWatch('body', form) ?? '';

  const post = async (values: AnnouncementFormValues) => {
    setError(undefined);
    try {
      const request = toAnnouncementRequest(values);
      const thread = await api<ThreadDetail>('POST', '/forum/announcements', request);
      void message.success(t('announce.posted'));
      setPosted({ id: thread.id, title: request.title });
      form.resetFields();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const confirm = (values: AnnouncementFormValues) =>
    void modal.confirm({
      title: t('announce.confirmTitle'),
      content: (
        <>
          <p>{t('announce.confirmBody')}</p>
          <Typography.Text strong>{values.title?.trim()}</Typography.Text>
        </>
      ),
      okText: t('announce.post'),
      cancelText: t('communityCommon.cancel'),
      okButtonProps: { 'data-testid': 'announce-confirm' },
      onOk: () => post(values),
    });

  return (
    <Card title={t('menu.announcements')}>
      {contextHolder}
      <Alert type="info" showIcon message={t('announce.note')} style={{ marginBottom: 16 }} />
      {posted && (
        <Alert
          data-testid="announce-posted"
          type="success"
          showIcon
          closable
          onClose={() => setPosted(undefined)}
          message={t('announce.postedTitle', { title: posted.title })}
          action={
            <Typography.Link href={threadLink(posted.id)} target="_blank" rel="noopener noreferrer">
              {t('announce.view')}
            </Typography.Link>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Form<AnnouncementFormValues> form={form} layout="vertical" onFinish={confirm} onValuesChange={() => setError(undefined)}>
            <Form.Item
              name="title"
              label={t('announce.title')}
              rules={[
                { required: true, whitespace: true, message: t('announce.titleRequired') },
                {
                  min: LIMITS.titleMin,
                  max: LIMITS.titleMax,
                  message: t('announce.titleLength', { min: LIMITS.titleMin, max: LIMITS.titleMax }),
                },
              ]}
            >
              <Input data-testid="announce-title" maxLength={LIMITS.titleMax} showCount />
            </Form.Item>
            <Form.Item
              name="body"
              label={t('announce.body')}
              extra={
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
                  <span>{t('announce.bodyHint')}</span>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {body.length} / {LIMITS.body}
                  </span>
                </div>
              }
              rules={[
                { required: true, whitespace: true, message: t('announce.bodyRequired') },
                { max: LIMITS.body, message: t('announce.bodyTooLong', { max: LIMITS.body }) },
              ]}
            >
              <Input.TextArea data-testid="announce-body" autoSize={{ minRows: 10, maxRows: 24 }} maxLength={LIMITS.body} />
            </Form.Item>
            <Form.Item
              name="productIds"
              label={t('announce.products')}
              extra={t('announce.productsHint', { max: LIMITS.products })}
              rules={[
                { type: 'array', max: LIMITS.products, message: t('announce.tooManyProducts', { max: LIMITS.products }) },
                {
                  validator: (_, ids?: string[]) =>
                    (ids ?? []).every((id) => UUID_PATTERN.test(id))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('groups.productIdInvalid'))),
                },
              ]}
            >
              {can('ledger.read') ? (
                <ProductSelect mode="multiple" maxCount={LIMITS.products} placeholder={t('announce.noProducts')} />
              ) : (
                <Select mode="tags" open={false} tokenSeparators={[',', ' ']} placeholder={t('announce.productIdsPlaceholder')} />
              )}
            </Form.Item>
            {error && (
              <Alert
                data-testid="announce-error"
                type="error"
                showIcon
                message={t('announce.failed')}
                description={error}
                style={{ marginBottom: 16 }}
              />
            )}
            <Space>
              <Button type="primary" htmlType="submit" icon={<NotificationOutlined />} data-testid="announce-submit">
                {t('announce.post')}
              </Button>
              <Button onClick={() => form.resetFields()}>{t('announce.clear')}</Button>
            </Space>
          </Form>
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Text type="secondary">{t('announce.preview')}</Typography.Text>
          <Card size="small" style={{ marginTop: 8, background: '#fafafa' }} data-testid="announce-preview">
            {title.trim() || body.trim() ? (
              <>
                <Space style={{ marginBottom: 8 }}>
                  <Tag color="red">{t('announce.official')}</Tag>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {title.trim()}
                  </Typography.Text>
                </Space>
                <MarkdownView source={body} />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('announce.previewEmpty')} />
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
