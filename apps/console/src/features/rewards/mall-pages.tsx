import type { CreateMallItem, MallItem, MallOrder, Page } from '@quanzi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { MemberLink, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import './locales';
import { ShipModal } from './wheel-detail-page';

type ConsoleMallOrder = MallOrder & { memberId: string; shipTo: string | null };
interface ItemForm {
  name: string;
  description?: string;
  kind: 'physical' | 'virtual';
  pointsPrice: number;
  stock: number;
  perMemberLimit?: number | null;
  grantKind?: 'lottery_chances' | 'experience' | 'coupon';
  wheelId?: string;
  count?: number;
  amount?: string;
  days?: number;
  couponRef?: string;
}

export function toItemRequest(v: ItemForm): CreateMallItem {
  const grant =
    v.kind !== 'virtual'
      ? undefined
      : v.grantKind === 'lottery_chances'
        ? { kind: 'lottery_chances' as const, wheelId: v.wheelId ?? '', count: v.count ?? 1 }
        : v.grantKind === 'experience'
          ? { kind: 'experience' as const, amount: v.amount ?? '', days: v.days ?? 1 }
          : { kind: 'coupon' as const, couponRef: v.couponRef ?? '' };
  return {
    name: v.name,
    description: v.description ?? '',
    kind: v.kind,
    pointsPrice: v.pointsPrice,
    stock: v.stock,
    perMemberLimit: v.perMemberLimit ?? null,
    ...(grant ? { grant } : {}),
  };
}

/** 积分商品: stock, limits, on/off sale, restock (audited on the server). */
export function MallItemsPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<MallItem>>('GET', `/mall/items?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<ItemForm>();
  const kind = Form.useWatch('kind', form);
  const grantKind = Form.useWatch('grantKind', form);

  const save = async () => {
    const v = await form.validateFields();
    try {
      await api('POST', '/mall/items', toItemRequest(v));
      void message.success(t('rewards.mall.done'));
      setCreating(false);
      form.resetFields();
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const patch = async (item: MallItem, body: { status?: MallItem['status']; addStock?: number }) => {
    try {
      await api('PATCH', `/mall/items/${item.id}`, body);
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const restock = (item: MallItem) => {
    let n = 0;
    Modal.confirm({
      title: `${t('rewards.mall.addStock')} · ${item.name}`,
      content: <InputNumber min={1} precision={0} placeholder={t('rewards.mall.addStockPrompt')} onChange={(v) => (n = Number(v ?? 0))} />,
      cancelText: t('rewards.cancel'),
      onOk: () => (n > 0 ? patch(item, { addStock: n }) : undefined),
    });
  };

  return (
    <Card
      title={t('menu.mallItems')}
      extra={
        <Space>
          <Button onClick={reload}>{t('rewards.refresh')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('rewards.mall.create')}
          </Button>
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<MallItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={pagination(data?.total)}
        locale={{ emptyText: t('rewards.mall.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('rewards.mall.name'), dataIndex: 'name' },
          { title: t('rewards.mall.kind'), dataIndex: 'kind', render: (k: string) => t(`rewards.mall.kinds.${k}`) },
          { title: t('rewards.mall.price'), dataIndex: 'pointsPrice' },
          { title: t('rewards.mall.stock'), dataIndex: 'stock' },
          { title: t('rewards.mall.limit'), dataIndex: 'perMemberLimit', render: (n: number | null) => n ?? '—' },
          {
            title: t('rewards.mall.statusLabel'),
            dataIndex: 'status',
            render: (s: MallItem['status']) => <Tag color={s === 'on_sale' ? 'green' : 'default'}>{t(`rewards.mall.status.${s}`)}</Tag>,
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, item) => (
              <Space>
                <Button size="small" onClick={() => void patch(item, { status: item.status === 'on_sale' ? 'off_sale' : 'on_sale' })}>
                  {item.status === 'on_sale' ? t('rewards.mall.putOff') : t('rewards.mall.putOn')}
                </Button>
                <Button size="small" onClick={() => restock(item)}>
                  {t('rewards.mall.addStock')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('rewards.mall.create')}
        onOk={() => void save()}
        onCancel={() => setCreating(false)}
        okText={t('rewards.save')}
        cancelText={t('rewards.cancel')}
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'physical', stock: 100, pointsPrice: 100 }}>
          <Form.Item name="name" label={t('rewards.mall.name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('rewards.mall.description')} rules={[{ max: 500 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="kind" label={t('rewards.mall.kind')}>
              <Select
                style={{ width: 120 }}
                options={(['physical', 'virtual'] as const).map((k) => ({ value: k, label: t(`rewards.mall.kinds.${k}`) }))}
              />
            </Form.Item>
            <Form.Item name="pointsPrice" label={t('rewards.mall.price')} rules={[{ required: true }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
            <Form.Item name="stock" label={t('rewards.mall.stock')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="perMemberLimit" label={t('rewards.mall.limit')}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
          </Space>
          {kind === 'virtual' && (
            <Space wrap>
              <Form.Item name="grantKind" label={t('rewards.mall.grant')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 140 }}
                  options={(['lottery_chances', 'experience', 'coupon'] as const).map((k) => ({
                    value: k,
                    label: t(`rewards.mall.grantKinds.${k}`),
                  }))}
                />
              </Form.Item>
              {grantKind === 'lottery_chances' && (
                <>
                  <Form.Item name="wheelId" label={t('rewards.mall.wheelId')} rules={[{ required: true }]}>
                    <Input style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name="count" label={t('rewards.mall.count')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={100} precision={0} />
                  </Form.Item>
                </>
              )}
              {grantKind === 'experience' && (
                <>
                  <Form.Item name="amount" label={t('rewards.mall.amount')} rules={[{ required: true, pattern: /^\d+$/ }]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name="days" label={t('rewards.mall.days')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={365} precision={0} />
                  </Form.Item>
                </>
              )}
              {grantKind === 'coupon' && (
                <Form.Item name="couponRef" label={t('rewards.mall.couponRef')} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
              )}
            </Space>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

/** 兑换订单: what to ship, shipped, delivered. */
export function MallOrdersPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const [status, setStatus] = useState<MallOrder['status'] | undefined>('to_ship');
  const { data, error, loading, reload } = useLoad(
    () => api<Page<ConsoleMallOrder>>('GET', `/mall/orders?page=${page}&pageSize=${pageSize}${status ? `&status=${status}` : ''}`),
    [page, pageSize, status],
  );
  const [shipping, setShipping] = useState<ConsoleMallOrder | null>(null);
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>();
  const act = async (path: string, body?: unknown) => {
    try {
      await api('POST', path, body);
      void message.success(t('rewards.mall.done'));
      void reload();
      return true;
    } catch (err) {
      void message.error(errorMessage(err));
      return false;
    }
  };
  return (
    <Card
      title={t('menu.mallOrders')}
      extra={
        <Space>
          <Select
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            options={(['granted', 'to_ship', 'shipped', 'delivered'] as const).map((s) => ({
              value: s,
              label: t(`rewards.mall.orderStatus.${s}`),
            }))}
          />
          <Button onClick={reload}>{t('rewards.refresh')}</Button>
        </Space>
      }
    >
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleMallOrder>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={pagination(data?.total)}
        locale={{ emptyText: t('rewards.mall.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('rewards.mall.created'), dataIndex: 'createdAt', render: shanghaiTime },
          { title: t('rewards.mall.member'), dataIndex: 'memberId', render: (m: string) => <MemberLink id={m} /> },
          { title: t('rewards.mall.item'), dataIndex: 'itemName' },
          { title: t('rewards.mall.quantity'), dataIndex: 'quantity' },
          { title: t('rewards.mall.points'), dataIndex: 'points' },
          {
            title: t('rewards.mall.statusLabel'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{t(`rewards.mall.orderStatus.${s}`)}</Tag>,
          },
          { title: t('rewards.mall.shipTo'), dataIndex: 'shipTo', render: (s: string | null) => s ?? '—' },
          {
            title: t('rewards.mall.tracking'),
            key: 'tracking',
            render: (_: unknown, o) => (o.tracking ? `${o.carrier ?? ''} ${o.tracking}` : '—'),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, o) =>
              o.status === 'to_ship' ? (
                <Button size="small" type="primary" onClick={() => setShipping(o)}>
                  {t('rewards.mall.ship')}
                </Button>
              ) : o.status === 'shipped' ? (
                <Button size="small" onClick={() => void act(`/mall/orders/${o.id}/delivered`)}>
                  {t('rewards.mall.delivered')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ShipModal
        open={!!shipping}
        form={form}
        onCancel={() => setShipping(null)}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            if (await act(`/mall/orders/${shipping!.id}/ship`, v)) {
              setShipping(null);
              form.resetFields();
            }
          })
        }
      />
    </Card>
  );
}
