import type { MemberProfile } from '@quanzi/contracts';
import { List, ProgressBar } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

/** The newcomer path every member walks before investing: real name → bank card → payment password. */
export function NewbieTasks({ me }: { me: MemberProfile }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tasks = [
    { key: 'realName', done: me.realName !== null, to: '/me/real-name' },
    { key: 'bankCard', done: me.bankCards.length > 0, to: '/me/bank-cards/add' },
    { key: 'paymentPassword', done: me.hasPaymentPassword, to: '/me/security/payment-password' },
  ];
  const done = tasks.filter((task) => task.done).length;
  return (
    <div className="card">
      <h3>{t('home.newbieTitle')}</h3>
      <p className="muted">{t('home.newbieProgress', { done, total: tasks.length })}</p>
      <ProgressBar percent={(done / tasks.length) * 100} />
      <List style={{ '--border-top': 'none', '--border-bottom': 'none' }}>
        {tasks.map((task) => (
          <List.Item
            key={task.key}
            onClick={task.done ? undefined : () => navigate(task.to)}
            extra={task.done ? <CheckCircleFill color="#00b578" fontSize={18} aria-label={t('home.done')} /> : t('home.go')}
            description={t(`home.tasks.${task.key}.desc`)}
          >
            {t(`home.tasks.${task.key}.title`)}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
