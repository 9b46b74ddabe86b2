import type { DutySlot } from '@quanzi/contracts';
import { Button, Card, Form, Modal, Popconfirm, Select, Space, Table, Tag, TimePicker, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { WEEKDAYS } from './ops-model';

interface Roster {
  items: DutySlot[];
  onDutyNow: Array<{ operatorId: string; operatorName: string }>;
}

/** 值班表: who hears of unanswered-question alarms, per weekday and Shanghai time range (audited). */
export function RosterPage() {
  const { t } = useTranslation();
  const roster = useLoad(() => api<Roster>('GET', '/duty-roster'), []);
  const operators = useLoad(() => api<{ items: Array<{ id: string; displayName: string }> }>('GET', '/duty-roster/operators'), []);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ operatorId: string; weekdays: number[]; range: [Dayjs, Dayjs] }>();

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      for (const weekday of v.weekdays)
        await api('POST', '/duty-roster', {
          operatorId: v.operatorId,
          weekday,
          start: v.range[0].format('HH:mm'),
          end: v.range[1].format('HH:mm'),
        });
      void message.success(t('common.saved'));
      setOpen(false);
      form.resetFields();
      void roster.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  const remove = async (id: string) => {
    try {
      await api('DELETE', `/duty-roster/${id}`);
      void roster.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Card
      title={t('menu.dutyRoster')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)} data-testid="roster-add">
          {t('ops.roster.add')}
        </Button>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        {t('ops.roster.onDutyNow')}
        {roster.data?.onDutyNow.length ? (
          roster.data.onDutyNow.map((d) => (
            <Tag color="blue" key={d.operatorId}>
              {d.operatorName}
            </Tag>
          ))
        ) : (
          <Tag>{t('ops.alarms.noDuty')}</Tag>
        )}
      </Space>
      <LoadError error={roster.error} onRetry={() => void roster.reload()} />
      <Table<DutySlot>
        rowKey="id"
        loading={roster.loading}
        dataSource={roster.data?.items}
        pagination={false}
        locale={{ emptyText: t('ops.roster.empty') }}
        columns={[
          { title: t('ops.roster.weekday'), dataIndex: 'weekday', render: (d: number) => t(`ops.weekdays.${d}`) },
          { title: t('ops.roster.time'), key: 'time', render: (_, s) => `${s.start} – ${s.end}` },
          { title: t('ops.roster.operator'), dataIndex: 'operatorName' },
          { title: t('ops.roster.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, s) => (
              <Popconfirm title={t('ops.roster.confirmRemove')} onConfirm={() => void remove(s.id)}>
                <Button size="small" danger>
                  {t('ops.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('ops.roster.add')}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        confirmLoading={saving}
        destroyOnClose
      >
        <Form form={form} layout="vertical">
          <Form.Item name="operatorId" label={t('ops.roster.operator')} rules={[{ required: true, message: t('ops.required') }]}>
            <Select
              loading={operators.loading}
              showSearch
              optionFilterProp="label"
              options={(operators.data?.items ?? []).map((o) => ({ value: o.id, label: o.displayName }))}
            />
          </Form.Item>
          <Form.Item name="weekdays" label={t('ops.roster.weekday')} rules={[{ required: true, message: t('ops.required') }]}>
            <Select mode="multiple" options={WEEKDAYS.map((d) => ({ value: d, label: t(`ops.weekdays.${d}`) }))} />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('ops.roster.time')}
            extra={t('ops.shanghaiHint')}
            rules={[{ required: true, message: t('ops.required') }]}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
