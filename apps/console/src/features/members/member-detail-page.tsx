import type { MemberDetail } from '@quanzi/contracts';
import { channelName } from '../../shared/labels';
import { formatShanghaiTime } from '@quanzi/web-kit';
import { Card, Descriptions, Skeleton, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';
import { RevealButton } from './reveal-button';

export function MemberDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useOperator();
  const reveal = can('pii.reveal');
  const { data: m, error, loading, reload } = useLoad(() => api<MemberDetail>('GET', `/members/${id}`), [id]);
  if (loading)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (error) {
    return (
      <Card>
        <LoadError error={error} onRetry={reload} />
        <Link to="/members">{t('common.back')}</Link>
      </Card>
    );
  }
  if (!m) return null;
  const time = (v: string | null) => (v ? formatShanghaiTime(v, true) : '—');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={`${m.nickname} · ${m.phoneMasked}`} extra={<Link to="/members">{t('common.back')}</Link>}>
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label={t('members.phone')}>
            {m.phoneMasked} {reveal && m.status === 'active' && <RevealButton memberId={m.id} field="phone" />}
          </Descriptions.Item>
          <Descriptions.Item label={t('members.status')}>
            {m.status === 'active' ? <Tag color="blue">{t('members.active')}</Tag> : <Tag>{t('members.closed')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('members.realName')}>
            {m.realName ? `${m.realName.nameMasked}（${time(m.realName.verifiedAt)}）` : <Tag>{t('members.unverified')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('members.idNumber')}>
            {m.realName ? m.realName.idNumberMasked : '—'} {reveal && m.realName && <RevealButton memberId={m.id} field="idNumber" />}
          </Descriptions.Item>
          <Descriptions.Item label={t('members.paymentPassword')}>
            {m.hasPaymentPassword ? t('members.set') : t('members.notSet')}
          </Descriptions.Item>
          <Descriptions.Item label={t('members.lockedUntil')}>{time(m.lockedUntil)}</Descriptions.Item>
          <Descriptions.Item label={t('members.channel')}>{channelName(t, m.channel)}</Descriptions.Item>
          <Descriptions.Item label="UTM">
            {[m.utm.source, m.utm.medium, m.utm.campaign].filter(Boolean).join(' / ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('members.registeredIp')}>{m.registeredIpMasked ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('members.device')}>{m.registeredDevice ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('members.agreement')}>{m.agreementVersion}</Descriptions.Item>
          <Descriptions.Item label={t('members.createdAt')}>{time(m.createdAt)}</Descriptions.Item>
          {m.closedAt && <Descriptions.Item label={t('members.closedAt')}>{time(m.closedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card title={t('members.bankCards')}>
        <Table
          rowKey="id"
          pagination={false}
          dataSource={m.bankCards}
          locale={{ emptyText: t('members.noCards') }}
          columns={[
            { title: t('members.bank'), dataIndex: 'bankName' },
            {
              title: t('members.cardNumber'),
              dataIndex: 'cardMasked',
              render: (v: string, c) => (
                <>
                  {v} {reveal && !c.unboundAt && <RevealButton memberId={m.id} field="cardNumber" cardId={c.id} />}
                </>
              ),
            },
            { title: t('members.reservedPhone'), dataIndex: 'reservedPhoneMasked' },
            { title: t('members.boundAt'), dataIndex: 'boundAt', render: time },
            {
              title: t('members.unboundAt'),
              dataIndex: 'unboundAt',
              render: (v: string | null) => (v ? time(v) : <Tag color="green">{t('members.inUse')}</Tag>),
            },
          ]}
        />
      </Card>
      <Card>
        <Link to={`/audit-log?targetId=${m.id}`}>{t('members.auditTrail')}</Link>
      </Card>
    </Space>
  );
}
