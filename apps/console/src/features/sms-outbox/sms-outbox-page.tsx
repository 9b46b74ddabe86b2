import type { Page, SmsOutboxItem } from '@quanzi/contracts';
import { formatShanghaiTime } from '@quanzi/web-kit';
import { Alert, Button, Card, Input, Space, Switch, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { usePaging } from '../../shared/use-paging';
import { useLoad } from '../../shared/use-load';

export function SmsOutboxPage() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const { page, pageSize, setPage, pagination } = usePaging();
  const [auto, setAuto] = useState(false);
  const { data, error, loading, reload } = useLoad(
    () => api<Page<SmsOutboxItem>>('GET', `/sms-outbox?page=${page}&pageSize=${pageSize}${phone ? `&phone=${phone}` : ''}`),
    [page, pageSize, phone],
  );
  useEffect(() => {
    if (!auto) return;
    const timer = setInterval(() => void reload(), 5000);
    return () => clearInterval(timer);
  }, [auto, reload]);

  return (
    <Card
      title={t('menu.smsOutbox')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('sms.phonePlaceholder')}
            maxLength={11}
            onSearch={(v) => {
              const value = v.trim();
              if (value && !/^1[3-9]\d{9}$/.test(value)) return;
              setPage(1);
              setPhone(value);
            }}
            style={{ width: 240 }}
          />
          <Switch checked={auto} onChange={setAuto} checkedChildren={t('sms.auto')} unCheckedChildren={t('sms.auto')} />
          <Button onClick={reload}>{t('sms.refresh')}</Button>
        </Space>
      }
    >
      <Alert type="info" showIcon message={t('sms.sandboxNote')} style={{ marginBottom: 16 }} />
      <LoadError error={error} onRetry={reload} />
      <Table<SmsOutboxItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('sms.empty') }}
        pagination={pagination(data?.total)}
        columns={[
          { title: t('sms.time'), dataIndex: 'sentAt', render: (v: string) => formatShanghaiTime(v, true), width: 180 },
          { title: t('sms.phone'), dataIndex: 'phoneMasked', width: 140 },
          {
            title: t('sms.purpose'),
            dataIndex: 'purpose',
            render: (v: string) => <Tag>{t(`sms.purposes.${v}`, { defaultValue: v })}</Tag>,
            width: 120,
          },
          { title: t('sms.content'), dataIndex: 'content' },
          {
            title: t('sms.channel'),
            dataIndex: 'channel',
            width: 100,
            render: (v: string) => t(`sms.channels.${v}`, { defaultValue: v }),
          },
        ]}
      />
    </Card>
  );
}
