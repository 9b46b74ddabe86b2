import { MODLOG_ACTIONS } from '@quanzi/contracts';
import { Dropdown, Empty, Radio, Skeleton, Space } from 'antd-mobile';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useLoad } from '../../shared/use-load';
import { NavPage } from '../forum/nav-page';
import { useCursorPages } from '../../shared/use-cursor-pages';
import { ModlogEntryCard } from './modlog-entry';
import { moderationApi, type ModlogAction } from './moderation-api';
import { ListFooter } from '../../shared/list-footer';

const isAction = (v: string | null): v is ModlogAction => v !== null && (MODLOG_ACTIONS as readonly string[]).includes(v);

/**
 * 处理记录 `/modlog` (public, no login): every moderation action newest first, filtered by action
 * and rule, with why the log is public at the top.
 */
export function ModlogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const action = isAction(params.get('action')) ? (params.get('action') as ModlogAction) : undefined;
  const rule = /^R\d{1,3}$/.test(params.get('rule') ?? '') ? params.get('rule')! : undefined;
  const rules = useLoad(() => moderationApi.rules());
  const dropdown = useRef<{ close: () => void }>(null);

  const set = (key: 'action' | 'rule', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    dropdown.current?.close();
  };

  return (
    <NavPage title={t('mod.modlogTitle')} back="/community">
      <section className="modlog-intro" data-testid="modlog-intro">
        <h2>{t('mod.introTitle')}</h2>
        <p>{t('mod.introWhy')}</p>
        <p>
          <b>{t('mod.introCriticism')}</b>
        </p>
        <p className="muted">
          {t('mod.introPrivacy')} <Link to="/charter">{t('mod.readCharter')} ›</Link>
        </p>
      </section>
      <div className="forum-sticky modlog-filters">
        <Dropdown ref={dropdown}>
          <Dropdown.Item key="action" title={action ? t(`mod.action.${action}`) : t('mod.allActions')}>
            <div className="modlog-filter-body">
              <Radio.Group value={action ?? ''} onChange={(v) => set('action', v ? String(v) : undefined)}>
                <Space direction="vertical" block>
                  <Radio value="">{t('mod.allActions')}</Radio>
                  {MODLOG_ACTIONS.map((a) => (
                    <Radio key={a} value={a}>
                      {t(`mod.action.${a}`)}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </div>
          </Dropdown.Item>
          <Dropdown.Item key="rule" title={rule ?? t('mod.allRules')}>
            <div className="modlog-filter-body">
              <Radio.Group value={rule ?? ''} onChange={(v) => set('rule', v ? String(v) : undefined)}>
                <Space direction="vertical" block>
                  <Radio value="">{t('mod.allRules')}</Radio>
                  {(rules.data ?? []).map((r) => (
                    <Radio key={r.code} value={r.code}>
                      {r.code} {r.title}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
              {rules.error && <div className="error-text">{rules.error}</div>}
            </div>
          </Dropdown.Item>
        </Dropdown>
      </div>
      <ModlogList key={`${action}|${rule}`} action={action} rule={rule} />
    </NavPage>
  );
}

function ModlogList({ action, rule }: { action: ModlogAction | undefined; rule: string | undefined }) {
  const { t } = useTranslation();
  const fetchPage = useCallback((cursor: string | null) => moderationApi.modlog({ action, rule }, cursor), [action, rule]);
  const { items, hasMore, loaded, error, loadMore, retry } = useCursorPages(fetchPage);
  return (
    <div className="modlog-list" data-testid="modlog-list">
      {!loaded && (
        <div className="card">
          <Skeleton.Paragraph lineCount={5} animated />
        </div>
      )}
      {items.map((e) => (
        <ModlogEntryCard key={e.id} entry={e} />
      ))}
      {loaded && !hasMore && !error && items.length === 0 && (
        <Empty description={action || rule ? t('mod.emptyFiltered') : t('mod.empty')} />
      )}
      <ListFooter error={error} retry={retry} loadMore={loadMore} hasMore={hasMore} loaded={loaded} count={items.length} />
    </div>
  );
}
