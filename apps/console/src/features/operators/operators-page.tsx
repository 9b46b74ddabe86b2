import type { Operator, OperatorRole, Permission } from '@quanzi/contracts';
import { formatShanghaiTime } from '@quanzi/web-kit';
import { Button, Card, Popconfirm, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { RoleTags } from '../../shared/roles';
import { useLoad } from '../../shared/use-load';
import { OperatorForm } from './operator-form';

export function OperatorsPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api<{ items: Operator[] }>('GET', '/operators'), []);
  const roles = useLoad(() => api<{ items: Array<{ role: OperatorRole; permissions: Permission[] }> }>('GET', '/roles'), []);
  const [editing, setEditing] = useState<Operator | null>(null);
  const [open, setOpen] = useState(false);

  const toggle = async (op: Operator) => {
    try {
      await api('PATCH', `/operators/${op.id}`, { disabled: !op.disabled });
      void message.success(op.disabled ? t('operators.enabled') : t('operators.disabledDone'));
      await reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={t('menu.operators')}
        extra={
          <Button type="primary" onClick={() => (setEditing(null), setOpen(true))}>
            {t('operators.create')}
          </Button>
        }
      >
        <LoadError error={error} onRetry={reload} />
        <Table<Operator>
          rowKey="id"
          loading={loading}
          dataSource={data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('operators.username'), dataIndex: 'username' },
            { title: t('operators.displayName'), dataIndex: 'displayName' },
            { title: t('operators.roles'), dataIndex: 'roles', render: (r: OperatorRole[]) => <RoleTags roles={r} /> },
            {
              title: t('operators.status'),
              dataIndex: 'disabled',
              render: (d: boolean) => (d ? <Tag>{t('operators.disabled')}</Tag> : <Tag color="green">{t('operators.active')}</Tag>),
            },
            {
              title: t('operators.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (v: string | null) => (v ? formatShanghaiTime(v, true) : '—'),
            },
            {
              title: t('common.actions'),
              render: (_, op) => (
                <Space>
                  <Button size="small" onClick={() => (setEditing(op), setOpen(true))}>
                    {t('operators.edit')}
                  </Button>
                  <Popconfirm
                    title={op.disabled ? t('operators.enableConfirm') : t('operators.disableConfirm')}
                    onConfirm={() => toggle(op)}
                  >
                    <Button size="small" danger={!op.disabled}>
                      {op.disabled ? t('operators.enable') : t('operators.disable')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('operators.rolesReference')} loading={roles.loading}>
        <Table
          rowKey="role"
          size="small"
          pagination={false}
          dataSource={roles.data?.items ?? []}
          columns={[
            { title: t('operators.role'), dataIndex: 'role', render: (r: OperatorRole) => <RoleTags roles={[r]} /> },
            {
              title: t('operators.permissions'),
              dataIndex: 'permissions',
              render: (ps: Permission[]) => ps.map((p) => <Tag key={p}>{t(`permissions.${p}`)}</Tag>),
            },
          ]}
        />
      </Card>
      <OperatorForm open={open} editing={editing} onClose={() => setOpen(false)} onSaved={reload} />
    </Space>
  );
}
