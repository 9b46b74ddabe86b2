import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Space, Table, Tag, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { loyaltyApi, type MemberPointsConsole, type PointsEntry } from './loyalty-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const shanghai = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short', hour12: false }).format(
    new Date(iso),
  );

interface Values {
  memberId: string;
  points: number;
  reason: string;
  expiresAt?: Dayjs | null;
}

/** 积分调整: look a member's points up, then grant (+) or deduct (−) with a reason; audited, keyed, never below zero. */
export function PointsAdjustPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [modal, contextHolder] = Modal.useModal();
  const { keyFor, reset } = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [view, setView] = useState<MemberPointsConsole>();
  const [entries, setEntries] = useState<PointsEntry[]>([]);
  const [loading, setLoading] = useState(false);

  const lookup = async (memberId: string, before?: string | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await loyaltyApi.memberPoints(memberId, before);
      setView(page);
      setEntries((prev) => (before ? [...prev, ...page.entries] : page.entries));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const submit = async (body: { memberId: string; points: number; reason: string; expiresAt?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      // The same request keeps its key: a retry after a lost answer is replayed, never booked twice.
      const res = await loyaltyApi.adjust(body, keyFor(body));
      void message.success(t('loyalty.adjust.done', { balance: res.balanceAfter }));
      reset();
      form.setFieldsValue({ points: undefined, reason: '', expiresAt: null });
      await lookup(body.memberId);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = (v: Values) => {
    const body = {
      memberId: v.memberId.trim(),
      points: v.points,
      reason: v.reason.trim(),
      ...(v.points > 0 && v.expiresAt ? { expiresAt: v.expiresAt.endOf('day').toISOString() } : {}),
    };
    void modal.confirm({
      title: t('loyalty.adjust.confirmTitle'),
      content: t('loyalty.adjust.confirmBody', {
        member: body.memberId,
        action: body.points > 0 ? t('loyalty.adjust.grant') : t('loyalty.adjust.deduct'),
        points: Math.abs(body.points),
        reason: body.reason,
      }),
      okButtonProps: { 'data-testid': 'adjust-confirm' },
      onOk: () => submit(body),
    });
  };

  return (
    <Card title={t('menu.pointsAdjust')}>
      {contextHolder}
      <Alert type="info" showIcon message={t('loyalty.adjust.note')} style={{ marginBottom: 24, maxWidth: 720 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={confirm}
        onValuesChange={() => setError(undefined)}
        disabled={busy}
        style={{ maxWidth: 560 }}
      >
        <Form.Item label={t('loyalty.adjust.memberId')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="memberId"
              noStyle
              rules={[
                { required: true, whitespace: true, message: t('loyalty.adjust.memberIdRequired') },
                { pattern: UUID, message: t('loyalty.adjust.memberIdInvalid') },
              ]}
            >
              <Input data-testid="adjust-member" placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" allowClear />
            </Form.Item>
            <Button
              onClick={() => {
                const id = String(form.getFieldValue('memberId') ?? '').trim();
                if (UUID.test(id)) void lookup(id);
                else void form.validateFields(['memberId']);
              }}
              loading={loading}
              data-testid="adjust-lookup"
            >
              {t('loyalty.adjust.lookup')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Form.Item
          name="points"
          label={t('loyalty.adjust.points')}
          extra={t('loyalty.adjust.pointsExtra')}
          rules={[
            {
              validator: (_, v?: number) =>
                typeof v === 'number' && Number.isInteger(v) && v !== 0 && Math.abs(v) <= 10_000_000
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('loyalty.adjust.pointsRequired'))),
            },
          ]}
        >
          <InputNumber data-testid="adjust-points" precision={0} min={-10_000_000} max={10_000_000} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('loyalty.adjust.expiresAt')} extra={t('loyalty.adjust.expiresAtExtra')}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('loyalty.adjust.reason')}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('loyalty.adjust.reasonRequired') }]}
        >
          <Input.TextArea
            data-testid="adjust-reason"
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('loyalty.adjust.reasonPlaceholder')}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="adjust-submit">
            {t('loyalty.adjust.submit')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert data-testid="adjust-error" type="error" showIcon message={error} style={{ maxWidth: 720, marginBottom: 16 }} />}
      {view && (
        <>
          <Descriptions bordered size="small" column={4} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('loyalty.adjust.balance')}>
              <span data-testid="adjust-balance">{view.balance}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('loyalty.adjust.shortfall')}>{view.shortfall}</Descriptions.Item>
            <Descriptions.Item label={t('loyalty.adjust.level')}>
              <Tag color="blue">{view.level.nameZh}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('loyalty.adjust.growth')}>{view.level.growth}</Descriptions.Item>
          </Descriptions>
          <Table<PointsEntry>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={entries}
            pagination={false}
            locale={{ emptyText: t('loyalty.adjust.empty') }}
            title={() => t('loyalty.adjust.statement')}
            columns={[
              { title: t('loyalty.adjust.time'), dataIndex: 'createdAt', render: (v: string) => shanghai(v) },
              { title: t('loyalty.adjust.kind'), dataIndex: 'kind', render: (k: PointsEntry['kind']) => t(`loyalty.adjust.kinds.${k}`) },
              {
                title: t('loyalty.adjust.change'),
                dataIndex: 'points',
                align: 'right',
                render: (p: number) => <span style={{ color: p >= 0 ? '#cf1322' : '#389e0d' }}>{p > 0 ? `+${p}` : p}</span>,
              },
              { title: t('loyalty.adjust.after'), dataIndex: 'balanceAfter', align: 'right' },
              { title: t('loyalty.adjust.source'), dataIndex: 'source' },
              { title: t('loyalty.adjust.entryReason'), dataIndex: 'reason' },
            ]}
          />
          {view.nextBefore && (
            <Button style={{ marginTop: 12 }} onClick={() => void lookup(view.memberId, view.nextBefore)} loading={loading}>
              {t('loyalty.adjust.more')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
