import type { Expert as ExpertSchema } from '@quanzi/contracts';
import { PlusOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { MemberLink, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { UUID_PATTERN } from '../community-groups/group-model';

type Expert = (typeof ExpertSchema)['_output'];
interface AppointValues {
  memberId?: string;
  title?: string;
}
const TITLE_MIN = 2;
const TITLE_MAX = 20;

/** 专家认证: members appointed as experts carry a verified badge with a title (e.g. 持牌理财师). */
export function ExpertsPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: Expert[] }>('GET', '/experts').then((r) => r.items), []);
  const [appointing, setAppointing] = useState<AppointValues | null>(null);
  const [modal, contextHolder] = Modal.useModal();

  const remove = (e: Expert) =>
    void modal.confirm({
      title: t('experts.removeTitle', { name: e.member.nickname }),
      content: t('experts.removeBody'),
      okText: t('experts.remove'),
      okButtonProps: { danger: true, 'data-testid': 'expert-remove-confirm' },
      cancelText: t('communityCommon.cancel'),
      onOk: async () => {
        try {
          await api('DELETE', `/experts/${e.member.id}`);
          void message.success(t('experts.removed', { name: e.member.nickname }));
          void reload();
        } catch (err) {
          void message.error(errorMessage(err));
          throw err;
        }
      },
    });

  return (
    <Card
      title={t('menu.experts')}
      extra={
        <Space>
          <Button onClick={reload}>{t('communityCommon.refresh')}</Button>
          <Button type="primary" icon={<PlusOutlined />} data-testid="expert-appoint" onClick={() => setAppointing({})}>
            {t('experts.appoint')}
          </Button>
        </Space>
      }
    >
      {contextHolder}
      <Alert type="info" showIcon message={t('experts.note')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={reload} />
      <Table<Expert>
        rowKey={(e) => e.member.id}
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('experts.empty') }}
        onRow={(e) => ({ 'data-testid': `expert-row-${e.member.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('experts.nickname'),
            key: 'nickname',
            render: (_, e) => (
              <Space size={4}>
                <SafetyCertificateFilled style={{ color: '#1677ff' }} />
                <Typography.Text strong>{e.member.nickname}</Typography.Text>
              </Space>
            ),
          },
          { title: t('experts.title'), dataIndex: 'title', render: (v: string) => <Tag color="blue">{v}</Tag> },
          { title: t('experts.memberId'), key: 'id', render: (_, e) => <MemberLink id={e.member.id} /> },
          { title: t('experts.trust'), key: 'trust', render: (_, e) => `L${e.member.trustLevel}` },
          { title: t('experts.appointedAt'), dataIndex: 'appointedAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, e) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  data-testid={`expert-edit-${e.member.id}`}
                  onClick={() => setAppointing({ memberId: e.member.id, title: e.title })}
                >
                  {t('experts.editTitle')}
                </Button>
                <Button type="link" size="small" danger data-testid={`expert-remove-${e.member.id}`} onClick={() => remove(e)}>
                  {t('experts.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <AppointModal initial={appointing} onClose={() => setAppointing(null)} onSaved={() => void reload()} />
    </Card>
  );
}

/** Appoints a member (by id) with a title; for an expert already appointed, changes the title. */
function AppointModal({ initial, onClose, onSaved }: { initial: AppointValues | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppointValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const editing = !!initial?.memberId;
  useEffect(() => {
    if (initial) {
      setError(undefined);
      form.resetFields();
      form.setFieldsValue(initial);
    }
  }, [initial, form]);

  const submit = async (v: AppointValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const expert = await api<Expert>('POST', '/experts', { memberId: v.memberId!.trim(), title: v.title!.trim() });
      void message.success(t('experts.appointed', { name: expert.member.nickname, title: expert.title }));
      onClose();
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={initial !== null}
      title={editing ? t('experts.editTitle') : t('experts.appoint')}
      okText={editing ? t('communityCommon.save') : t('experts.appointOk')}
      cancelText={t('communityCommon.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && onClose()}
      okButtonProps={{ 'data-testid': 'expert-save' }}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('experts.appointHint')}</Typography.Paragraph>
      <Form<AppointValues> form={form} layout="vertical" onFinish={submit} disabled={busy} onValuesChange={() => setError(undefined)}>
        <Form.Item
          name="memberId"
          label={t('experts.memberId')}
          rules={[
            { required: true, whitespace: true, message: t('communityCommon.memberIdRequired') },
            { pattern: UUID_PATTERN, message: t('communityCommon.memberIdInvalid') },
          ]}
        >
          <Input data-testid="expert-member-id" disabled={editing} placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('experts.title')}
          rules={[
            { required: true, whitespace: true, message: t('experts.titleRequired') },
            { min: TITLE_MIN, max: TITLE_MAX, message: t('experts.titleLength', { min: TITLE_MIN, max: TITLE_MAX }) },
          ]}
        >
          <Input data-testid="expert-title" maxLength={TITLE_MAX} showCount placeholder={t('experts.titlePlaceholder')} />
        </Form.Item>
      </Form>
      {error && <Alert data-testid="expert-error" type="error" showIcon message={error} />}
    </Modal>
  );
}
