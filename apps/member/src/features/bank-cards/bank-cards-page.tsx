import { Button, Dialog, Empty, List, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { useMe } from '../../shared/me-context';
import { Page } from '../../shared/page';

export function BankCardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, refresh } = useMe();
  if (!me) return null;

  const unbind = async (id: string, label: string) => {
    if (!(await Dialog.confirm({ content: t('cards.unbindConfirm', { card: label }) }))) return;
    try {
      await api('DELETE', `/me/bank-cards/${id}`);
      await refresh();
      Toast.show({ icon: 'success', content: t('cards.unbound') });
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
  };

  return (
    <Page title={t('cards.title')} back="/me">
      <div className="page-body">
        {me.bankCards.length === 0 ? (
          <div className="card">
            <Empty description={t('cards.empty')} />
          </div>
        ) : (
          <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
            <List>
              {me.bankCards.map((card) => (
                <List.Item
                  key={card.id}
                  description={t('cards.reservedPhone', { phone: card.reservedPhoneMasked })}
                  extra={
                    <Button size="mini" fill="outline" onClick={() => unbind(card.id, card.cardMasked)}>
                      {t('cards.unbind')}
                    </Button>
                  }
                >
                  {card.bankName} · {card.cardMasked}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <Button block color="primary" onClick={() => navigate('/me/bank-cards/add')}>
          {t('cards.add')}
        </Button>
        <p className="muted">{t('cards.custodyNote')}</p>
      </div>
    </Page>
  );
}
