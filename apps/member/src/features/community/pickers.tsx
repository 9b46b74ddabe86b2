import { NEWCOMER_PRODUCT_CARDS_PER_DAY, type Product } from '@quanzi/contracts';
import { formatFen } from '@quanzi/web-kit';
import { Button, ErrorBlock, InfiniteScroll, List, Popup, SearchBar } from 'antd-mobile';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfinitePages } from '../../shared/use-infinite-pages';
import { bpsText } from '../invest/format';
import { RiskTag } from '../invest/product-tags';
import { Avatar } from './avatar';
import { communityApi, type GroupMember } from './community-api';
import { AuthorBadges } from './message-item';
import { useCursorPages } from '../../shared/use-cursor-pages';

/** A bottom sheet with a title and a scrolling body. */
export function Sheet({
  visible,
  title,
  onClose,
  children,
  testId,
}: {
  visible: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Popup
      visible={visible}
      onMaskClick={onClose}
      onClose={onClose}
      destroyOnClose
      bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxWidth: 480, margin: '0 auto', left: 0, right: 0 }}
    >
      <div className="sheet" data-testid={testId}>
        <div className="sheet-head">{title}</div>
        <div className="sheet-body">{children}</div>
      </div>
    </Popup>
  );
}

/** The members of the group to @, staff first; the search filters the loaded names. */
export function MemberPicker({
  groupId,
  visible,
  viewerId,
  onPick,
  onClose,
}: {
  groupId: string;
  visible: boolean;
  viewerId: string | undefined;
  onPick: (m: GroupMember) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Sheet visible={visible} title={t('circle.chat.pickMember')} onClose={onClose} testId="member-picker">
      <MemberList groupId={groupId} viewerId={viewerId} onPick={onPick} />
    </Sheet>
  );
}

function MemberList({ groupId, viewerId, onPick }: { groupId: string; viewerId: string | undefined; onPick: (m: GroupMember) => void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const fetchPage = useCallback(
    async (cursor: string | null) => {
      const page = await communityApi.members(groupId, 'active', cursor);
      return { items: page.items.map((m) => ({ ...m, id: m.member.id })), nextCursor: page.nextCursor };
    },
    [groupId],
  );
  const { items, hasMore, loaded, error, loadMore, retry } = useCursorPages(fetchPage);
  const shown = items.filter((m) => m.member.id !== viewerId && m.member.nickname.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <>
      <div style={{ padding: '0 12px 8px' }}>
        <SearchBar placeholder={t('circle.chat.memberSearch')} value={filter} onChange={setFilter} />
      </div>
      <List>
        {shown.map((m) => (
          <List.Item
            key={m.member.id}
            prefix={<Avatar id={m.member.id} name={m.member.nickname} size={32} />}
            extra={m.role !== 'member' ? t(`circle.chat.staff.${m.role}`) : undefined}
            onClick={() => onPick(m)}
            arrow={false}
            data-testid={`member-option-${m.member.id}`}
          >
            <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
              {m.member.nickname}
              <AuthorBadges author={m.member} />
            </span>
          </List.Item>
        ))}
      </List>
      {loaded && !hasMore && shown.length === 0 && !error && <div className="chat-empty">{t('circle.chat.noMembers')}</div>}
      {error && (
        <ErrorBlock status="default" title={t('common.loadFailed')} description={error}>
          <Button onClick={retry}>{t('common.retry')}</Button>
        </ErrorBlock>
      )}
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore && !error}>
        {hasMore ? t('common.loading') : ''}
      </InfiniteScroll>
    </>
  );
}

/** Products on sale, for any member to share as a card (listed as the API lists them, never ranked). */
export function ProductPicker({ visible, onPick, onClose }: { visible: boolean; onPick: (p: Product) => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Sheet visible={visible} title={t('circle.chat.pickProduct')} onClose={onClose} testId="product-picker">
      <div className="chat-product-hint" data-testid="product-picker-hint">
        {t('circle.chat.productHint', { max: NEWCOMER_PRODUCT_CARDS_PER_DAY })}
      </div>
      <ProductList onPick={onPick} />
    </Sheet>
  );
}

function ProductList({ onPick }: { onPick: (p: Product) => void }) {
  const { t } = useTranslation();
  const fetchPage = useCallback((page: number) => communityApi.products(page), []);
  const { items, hasMore, error, loadMore } = useInfinitePages(fetchPage);
  return (
    <>
      <List>
        {items.map((p) => (
          <List.Item
            key={p.id}
            onClick={() => onPick(p)}
            description={`${t('circle.card.benchmark')} ${bpsText(p.benchmarkBps)} · ${t('circle.card.remaining', { amount: formatFen(p.remainingQuota) })}`}
            extra={<RiskTag level={p.riskLevel} />}
            data-testid={`product-option-${p.id}`}
          >
            {p.name}
          </List.Item>
        ))}
      </List>
      {!hasMore && items.length === 0 && !error && <div className="chat-empty">{t('circle.chat.noProducts')}</div>}
      {error && (
        <div className="error-text" style={{ padding: '0 16px' }}>
          {error}
        </div>
      )}
      <InfiniteScroll loadMore={loadMore} hasMore={hasMore && !error}>
        {hasMore ? t('common.loading') : ''}
      </InfiniteScroll>
    </>
  );
}
