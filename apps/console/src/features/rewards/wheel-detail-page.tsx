import type { ConsoleWheel, Page } from '@quanzi/contracts';
import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { MemberLink, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import './locales';

interface ConsoleDraw {
  id: string;
  seq: number;
  memberId: string;
  prizeName: string | null;
  fulfilment: 'none' | 'granted' | 'awaiting_address' | 'to_ship' | 'shipped';
  shipTo: string | null;
  tracking: string | null;
  createdAt: string;
}

/** A wheel: prizes with stock left, the commitment (and seed once closed), physical prizes to ship. */
export function WheelDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const wheel = useLoad(() => api<ConsoleWheel>('GET', `/lottery/wheels/${id}`), [id]);
  const { page, pageSize, pagination } = usePaging();
  const draws = useLoad(
    () => api<Page<ConsoleDraw>>('GET', `/lottery/wheels/${id}/draws?physical=true&page=${page}&pageSize=${pageSize}`),
    [id, page, pageSize],
  );
  const [shipping, setShipping] = useState<ConsoleDraw | null>(null);
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>();

  const ship = async () => {
    const v = await form.validateFields();
    try {
      await api('POST', `/lottery/draws/${shipping!.id}/ship`, v);
      void message.success(t('rewards.wheels.shipped'));
      setShipping(null);
      form.resetFields();
      void draws.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const [granting, setGranting] = useState(false);
  const [grantForm] = Form.useForm<{ memberId: string; count: number; reason: string }>();
  const { keyFor, reset } = useIdempotencyKey();
  const grantChances = async () => {
    const v = await grantForm.validateFields();
    try {
      const r = await api<{ granted: boolean }>('POST', `/lottery/wheels/${id}/chances`, v, { headers: { 'idempotency-key': keyFor(v) } });
      void message.success(r.granted ? t('rewards.wheels.granted') : t('rewards.wheels.grantedBefore'));
      reset();
      setGranting(false);
      grantForm.resetFields();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const w = wheel.data;
  return (
    <Card
      title={w?.name ?? t('menu.wheels')}
      loading={wheel.loading && !w}
      extra={
        w &&
        w.status !== 'closed' && (
          <Button onClick={() => setGranting(true)} data-testid="wheel-grant">
            {t('rewards.wheels.grant')}
          </Button>
        )
      }
    >
      <LoadError error={wheel.error} onRetry={wheel.reload} />
      {w && (
        <>
          <Descriptions column={2} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('rewards.wheels.statusLabel')}>
              <Tag>{t(`rewards.wheels.status.${w.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('rewards.wheels.drawCount')}>{w.drawCount}</Descriptions.Item>
            <Descriptions.Item label={t('rewards.wheels.pointsCost')}>{w.pointsCost}</Descriptions.Item>
            <Descriptions.Item label={t('rewards.wheels.guaranteeAfter')}>{w.guaranteeAfter ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('rewards.wheels.commitment')} span={2}>
              {w.commitment ? (
                <Typography.Text code copyable>
                  {w.commitment}
                </Typography.Text>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('rewards.wheels.seed')} span={2}>
              {w.seed ? (
                <Typography.Text code copyable>
                  {w.seed}
                </Typography.Text>
              ) : (
                t('rewards.wheels.seedHidden')
              )}
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={w.prizes}
            title={() => t('rewards.wheels.prizes')}
            columns={[
              { title: '#', dataIndex: 'position' },
              { title: t('rewards.wheels.prizeName'), dataIndex: 'name' },
              { title: t('rewards.wheels.kind'), dataIndex: 'kind', render: (k: string) => t(`rewards.wheels.kinds.${k}`) },
              { title: t('rewards.wheels.weight'), dataIndex: 'weight' },
              {
                title: t('rewards.wheels.stockLeft'),
                key: 'stock',
                render: (_: unknown, p: ConsoleWheel['prizes'][number]) => (p.stock === null ? '∞' : `${p.stock} / ${p.initialStock}`),
              },
            ]}
          />
        </>
      )}
      <LoadError error={draws.error} onRetry={draws.reload} />
      <Table<ConsoleDraw>
        rowKey="id"
        style={{ marginTop: 16 }}
        title={() => t('rewards.wheels.draws')}
        loading={draws.loading}
        dataSource={draws.data?.items}
        pagination={pagination(draws.data?.total)}
        locale={{ emptyText: t('rewards.wheels.noDraws') }}
        columns={[
          { title: t('rewards.wheels.drawSeq'), dataIndex: 'seq' },
          { title: t('rewards.wheels.member'), dataIndex: 'memberId', render: (m: string) => <MemberLink id={m} /> },
          { title: t('rewards.wheels.prize'), dataIndex: 'prizeName' },
          {
            title: t('rewards.wheels.fulfilment'),
            dataIndex: 'fulfilment',
            render: (f: string) => <Tag>{t(`rewards.wheels.fulfilments.${f}`)}</Tag>,
          },
          { title: t('rewards.wheels.shipTo'), dataIndex: 'shipTo', render: (s: string | null) => s ?? '—' },
          { title: t('rewards.wheels.tracking'), dataIndex: 'tracking', render: (s: string | null) => s ?? '—' },
          { title: t('rewards.mall.created'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: '',
            key: 'ship',
            render: (_: unknown, d) =>
              d.fulfilment === 'to_ship' && (
                <Button size="small" type="primary" onClick={() => setShipping(d)}>
                  {t('rewards.wheels.ship')}
                </Button>
              ),
          },
        ]}
      />
      <ShipModal open={!!shipping} form={form} onCancel={() => setShipping(null)} onOk={() => void ship()} />
      <Modal
        open={granting}
        title={t('rewards.wheels.grant')}
        onOk={() => void grantChances()}
        onCancel={() => setGranting(false)}
        okText={t('rewards.save')}
        cancelText={t('rewards.cancel')}
      >
        <Form form={grantForm} layout="vertical">
          <Form.Item name="memberId" label={t('rewards.wheels.memberId')} rules={[{ required: true, pattern: /^[0-9a-f-]{36}$/i }]}>
            <Input />
          </Form.Item>
          <Form.Item name="count" label={t('rewards.wheels.count')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} precision={0} />
          </Form.Item>
          <Form.Item name="reason" label={t('rewards.wheels.reason')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function ShipModal({
  open,
  form,
  onOk,
  onCancel,
}: {
  open: boolean;
  form: ReturnType<typeof Form.useForm<{ carrier: string; trackingNo: string }>>[0];
  onOk: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('rewards.wheels.ship')}
      onOk={onOk}
      onCancel={onCancel}
      okText={t('rewards.save')}
      cancelText={t('rewards.cancel')}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="carrier" label={t('rewards.wheels.carrier')} rules={[{ required: true, max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="trackingNo" label={t('rewards.wheels.trackingNo')} rules={[{ required: true, pattern: /^[A-Za-z0-9-]{4,40}$/ }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
