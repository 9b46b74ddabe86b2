import { List, ProgressBar, Tag } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { newbieApi, type MemberTask } from './newbie-api';
import './locales';

/** Where each unfinished task is done. */
const TASK_LINKS: Record<MemberTask['code'], string> = {
  register: '/',
  real_name: '/me/real-name',
  bind_card: '/me/bank-cards/add',
  first_invest: '/newbie',
  repeat_invest: '/invest',
};

/** The task center (成长任务): five steps with progress and the points each one gives or gave. */
export function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useLoad(() => newbieApi.tasks());
  return (
    <Page title={t('newbie.tasksTitle')}>
      {!data ? (
        <LoadState loading={loading} error={error} onRetry={reload} />
      ) : (
        <div className="card" data-testid="task-center">
          <p className="muted" data-testid="task-progress">
            {t('newbie.progress', { done: data.completed, total: data.total, points: data.pointsEarned })}
          </p>
          <ProgressBar percent={(data.completed / Math.max(data.total, 1)) * 100} />
          <List style={{ '--border-top': 'none', '--border-bottom': 'none' }}>
            {data.items.map((task) => (
              <List.Item
                key={task.code}
                data-testid={`task-${task.code}`}
                data-done={task.done ? 'true' : 'false'}
                onClick={task.done ? undefined : () => navigate(TASK_LINKS[task.code])}
                description={
                  task.reward
                    ? t(`newbie.status.${task.reward.status}`, { points: task.reward.points })
                    : `${t(`newbie.task.${task.code}.desc`)} · ${t('newbie.step', task.progress)}`
                }
                extra={
                  task.done ? (
                    <CheckCircleFill color="#00b578" fontSize={18} aria-label={t('newbie.done')} />
                  ) : (
                    <span>{t('newbie.go')}</span>
                  )
                }
              >
                {t(`newbie.task.${task.code}.title`)}{' '}
                <Tag color={task.rewardPoints > 0 ? 'warning' : 'default'} fill="outline">
                  {task.rewardPoints > 0 ? t('newbie.rewardPoints', { points: task.rewardPoints }) : t('newbie.noReward')}
                </Tag>
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Page>
  );
}
