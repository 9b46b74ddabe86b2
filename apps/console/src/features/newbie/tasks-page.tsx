import type { ConsoleTask } from '@quanzi/contracts';
import { Button, Card, InputNumber, Space, Switch, Table, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';

/** 成长任务奖励: each task's points and whether it is on (audited; rewards already granted stay). */
export function TaskRewardsPage() {
  const { t } = useTranslation();
  const list = useLoad(() => api<{ items: ConsoleTask[] }>('GET', '/newbie/tasks'), []);
  const [drafts, setDrafts] = useState<Record<string, { rewardPoints: number; enabled: boolean }>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const value = (task: ConsoleTask) => drafts[task.code] ?? { rewardPoints: task.rewardPoints, enabled: task.enabled };
  const edit = (task: ConsoleTask, change: Partial<{ rewardPoints: number; enabled: boolean }>) =>
    setDrafts((d) => ({ ...d, [task.code]: { ...value(task), ...change } }));
  const save = async (task: ConsoleTask) => {
    setSaving(task.code);
    try {
      await api('PUT', `/newbie/tasks/${task.code}`, value(task));
      void message.success(t('common.saved'));
      setDrafts(({ [task.code]: _, ...rest }) => rest);
      void list.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };
  return (
    <Card title={t('menu.newbieTasks')}>
      <p style={{ color: '#888' }}>{t('newbie.tasks.hint')}</p>
      <LoadError error={list.error} onRetry={() => void list.reload()} />
      <Table<ConsoleTask>
        rowKey="code"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          { title: t('newbie.tasks.task'), dataIndex: 'code', render: (c: ConsoleTask['code']) => t(`newbie.tasks.codes.${c}`) },
          {
            title: t('newbie.tasks.points'),
            key: 'points',
            render: (_, task) => (
              <InputNumber
                min={0}
                max={1_000_000}
                precision={0}
                value={value(task).rewardPoints}
                onChange={(v) => edit(task, { rewardPoints: v ?? 0 })}
                data-testid={`task-points-${task.code}`}
              />
            ),
          },
          {
            title: t('newbie.tasks.enabled'),
            key: 'enabled',
            render: (_, task) => <Switch checked={value(task).enabled} onChange={(enabled) => edit(task, { enabled })} />,
          },
          { title: t('newbie.tasks.completions'), dataIndex: 'completions' },
          {
            title: t('newbie.tasks.updated'),
            key: 'updated',
            render: (_, task) => `${shanghaiTime(task.updatedAt)}${task.updatedBy ? ` · ${task.updatedBy}` : ''}`,
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, task) => (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  disabled={!drafts[task.code]}
                  loading={saving === task.code}
                  onClick={() => void save(task)}
                  data-testid={`task-save-${task.code}`}
                >
                  {t('newbie.tasks.save')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
