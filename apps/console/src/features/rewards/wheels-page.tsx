import type { ConsoleWheel, CreateWheel, Page, WheelPrizeInput } from '@quanzi/contracts';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { parseYuan } from '../../shared/money';
import { useLoad } from '../../shared/use-load';
import { usePaging } from '../../shared/use-paging';
import './locales';

const KINDS = ['none', 'points', 'coupon', 'experience', 'physical'] as const;
const STATUS_COLOURS = { draft: 'default', open: 'green', closed: 'purple' } as const;

interface PrizeForm {
  name: string;
  kind: WheelPrizeInput['kind'];
  weight: number;
  stock?: number | null;
  points?: number;
  amountYuan?: string;
  days?: number;
  couponRef?: string;
}

/** The form's prizes as the API takes them: only the fields each kind needs. */
export function toPrizes(rows: PrizeForm[]): WheelPrizeInput[] {
  return rows.map((p) => ({
    name: p.name,
    kind: p.kind,
    weight: p.weight,
    ...(p.stock !== undefined && p.stock !== null ? { stock: p.stock } : {}),
    ...(p.kind === 'points' && p.points ? { points: p.points } : {}),
    ...(p.kind === 'experience' && p.amountYuan ? { amount: parseYuan(p.amountYuan) ?? 'invalid', days: p.days } : {}),
    ...(p.kind === 'coupon' && p.couponRef ? { couponRef: p.couponRef } : {}),
  }));
}

/** 抽奖转盘: wheels with their status, draws and commitment; create, open (commit), close (reveal). */
export function WheelsPage() {
  const { t } = useTranslation();
  const { page, pageSize, pagination } = usePaging();
  const { data, error, loading, reload } = useLoad(
    () => api<Page<ConsoleWheel>>('GET', `/lottery/wheels?page=${page}&pageSize=${pageSize}`),
    [page, pageSize],
  );
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; pointsCost: number; guaranteeAfter?: number | null; prizes: PrizeForm[] }>();
  const [saving, setSaving] = useState(false);
  const [modal, contextHolder] = Modal.useModal();

  const create = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const body: CreateWheel = {
        name: v.name,
        pointsCost: v.pointsCost ?? 0,
        guaranteeAfter: v.guaranteeAfter ?? null,
        prizes: toPrizes(v.prizes),
      };
      await api('POST', '/lottery/wheels', body);
      void message.success(t('rewards.mall.done'));
      setCreating(false);
      form.resetFields();
      void reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const change = (w: ConsoleWheel, to: 'open' | 'close') =>
    void modal.confirm({
      title: w.name,
      content: t(to === 'open' ? 'rewards.wheels.openConfirm' : 'rewards.wheels.closeConfirm'),
      cancelText: t('rewards.cancel'),
      onOk: async () => {
        try {
          await api('POST', `/lottery/wheels/${w.id}/${to}`);
          void reload();
        } catch (err) {
          void message.error(errorMessage(err));
          throw err;
        }
      },
    });

  return (
    <Card
      title={t('menu.wheels')}
      extra={
        <Space>
          <Button onClick={reload}>{t('rewards.refresh')}</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wheel-create">
            {t('rewards.wheels.create')}
          </Button>
        </Space>
      }
    >
      {contextHolder}
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleWheel>
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={pagination(data?.total)}
        locale={{ emptyText: t('rewards.wheels.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('rewards.wheels.name'),
            dataIndex: 'name',
            render: (name: string, w) => <Link to={`/rewards/wheels/${w.id}`}>{name}</Link>,
          },
          {
            title: t('rewards.wheels.statusLabel'),
            dataIndex: 'status',
            render: (s: ConsoleWheel['status']) => <Tag color={STATUS_COLOURS[s]}>{t(`rewards.wheels.status.${s}`)}</Tag>,
          },
          { title: t('rewards.wheels.pointsCost'), dataIndex: 'pointsCost' },
          { title: t('rewards.wheels.guaranteeAfter'), dataIndex: 'guaranteeAfter', render: (n: number | null) => n ?? '—' },
          { title: t('rewards.wheels.drawCount'), dataIndex: 'drawCount' },
          {
            title: t('rewards.wheels.commitment'),
            dataIndex: 'commitment',
            render: (c: string | null) =>
              c ? (
                <Typography.Text code copyable={{ text: c }}>
                  {c.slice(0, 12)}…
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('rewards.mall.created'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, w) => (
              <Space>
                {w.status === 'draft' && (
                  <Button size="small" onClick={() => change(w, 'open')}>
                    {t('rewards.wheels.open')}
                  </Button>
                )}
                {w.status === 'open' && (
                  <Button size="small" danger onClick={() => change(w, 'close')}>
                    {t('rewards.wheels.close')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        width={860}
        title={t('rewards.wheels.create')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        confirmLoading={saving}
        okText={t('rewards.save')}
        cancelText={t('rewards.cancel')}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            pointsCost: 0,
            prizes: [
              { name: '谢谢参与', kind: 'none', weight: 50 },
              { name: '', kind: 'points', weight: 50 },
            ],
          }}
        >
          <Space wrap>
            <Form.Item name="name" label={t('rewards.wheels.name')} rules={[{ required: true, max: 60 }]}>
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="pointsCost" label={t('rewards.wheels.pointsCost')} extra={t('rewards.wheels.pointsCostHint')}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item name="guaranteeAfter" label={t('rewards.wheels.guaranteeAfter')}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
          </Space>
          <Form.List name="prizes">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, max: 60 }]}>
                      <Input placeholder={t('rewards.wheels.prizeName')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} rules={[{ required: true }]}>
                      <Select style={{ width: 110 }} options={KINDS.map((k) => ({ value: k, label: t(`rewards.wheels.kinds.${k}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'weight']} rules={[{ required: true }]}>
                      <InputNumber min={1} precision={0} placeholder={t('rewards.wheels.weight')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'stock']}>
                      <InputNumber min={0} precision={0} placeholder={t('rewards.wheels.stock')} style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = form.getFieldValue(['prizes', field.name, 'kind']) as PrizeForm['kind'];
                        if (kind === 'points')
                          return (
                            <Form.Item name={[field.name, 'points']} rules={[{ required: true }]}>
                              <InputNumber min={1} precision={0} placeholder={t('rewards.wheels.points')} />
                            </Form.Item>
                          );
                        if (kind === 'experience')
                          return (
                            <Space>
                              <Form.Item name={[field.name, 'amountYuan']} rules={[{ required: true }]}>
                                <Input placeholder={t('rewards.wheels.amount')} style={{ width: 130 }} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'days']} rules={[{ required: true }]}>
                                <InputNumber min={1} max={365} precision={0} placeholder={t('rewards.wheels.days')} />
                              </Form.Item>
                            </Space>
                          );
                        if (kind === 'coupon')
                          return (
                            <Form.Item name={[field.name, 'couponRef']} rules={[{ required: true }]}>
                              <Input placeholder={t('rewards.wheels.couponRef')} />
                            </Form.Item>
                          );
                        return null;
                      }}
                    </Form.Item>
                    {fields.length > 2 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
                  </Space>
                ))}
                {fields.length < 12 && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'points', weight: 10 })}>
                    {t('rewards.wheels.addPrize')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
