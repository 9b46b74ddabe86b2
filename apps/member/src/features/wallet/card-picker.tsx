import type { Wallet } from '@quanzi/contracts';
import { Radio, Space } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

type Card = Wallet['cards'][number];

/** The member's own cards; for withdrawals only those money came in from (同卡进出) can be picked. */
export function CardPicker({
  cards,
  value,
  onChange,
  forWithdrawal = false,
}: {
  cards: Card[];
  value: string | undefined;
  onChange: (id: string) => void;
  forWithdrawal?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(String(v))}>
      <Space direction="vertical" block>
        {cards.map((c) => (
          <Radio key={c.id} value={c.id} disabled={forWithdrawal && !c.withdrawable} block>
            {c.bankName} {c.cardMasked}
            {forWithdrawal && !c.withdrawable && <span className="hint"> · {t('wallet.cardNotUsed')}</span>}
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}

export const defaultCard = (cards: Card[], forWithdrawal = false) => cards.find((c) => !forWithdrawal || c.withdrawable)?.id;
