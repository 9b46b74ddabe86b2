import { formatShanghaiTime } from '@quanzi/web-kit';
import { Collapse, List, NoticeBar, Popup, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/api';
import { LoadState } from '../../shared/load-state';
import { Page } from '../../shared/page';
import { useLoad } from '../../shared/use-load';
import { charterApi, type CharterChange } from './charter-api';

const CHANGE_COLOR = { added: 'success', removed: 'danger', changed: 'warning' } as const;

/** 社区公约: the rules in force, every earlier version, and what changed between them. Public. */
export function CharterPage() {
  const { t } = useTranslation();
  const charter = useLoad(() => charterApi.charter());
  const [diff, setDiff] = useState<{ title: string; changes: CharterChange[] } | null>(null);
  const [diffError, setDiffError] = useState<string>();

  const showDiff = async (from: number, to: number) => {
    setDiffError(undefined);
    try {
      const result = await charterApi.diff(from, to);
      setDiff({ title: t('charter.diffTitle', { from, to }), changes: result.changes });
    } catch (err) {
      setDiffError(errorMessage(err));
    }
  };

  const c = charter.data;
  return (
    <Page title={t('charter.title')} back="/">
      <div className="page-body">
        {!c ? (
          <LoadState loading={charter.loading} error={charter.error} onRetry={charter.reload} />
        ) : (
          <>
            <NoticeBar wrap color="info" content={t('charter.criticism')} />
            <div className="card" data-testid="charter-current">
              <h3>{t('charter.version', { version: c.current.version })}</h3>
              <p className="hint">
                {t('charter.published', { at: formatShanghaiTime(c.current.publishedAt, true), by: c.current.publishedBy })}
              </p>
              <Collapse defaultActiveKey={c.current.rules.map((r) => r.code)}>
                {c.current.rules.map((r) => (
                  <Collapse.Panel key={r.code} title={`${r.code} ${r.title}`}>
                    <p className="muted">{r.body}</p>
                  </Collapse.Panel>
                ))}
              </Collapse>
            </div>
            <div className="card" style={{ padding: 0, overflow: 'hidden' }}>
              <List header={t('charter.history')}>
                {c.versions.map((v, i) => {
                  const previous = c.versions[i + 1];
                  return (
                    <List.Item
                      key={v.version}
                      description={`${formatShanghaiTime(v.publishedAt)} · ${v.summary}`}
                      onClick={previous ? () => void showDiff(previous.version, v.version) : undefined}
                      arrow={previous ? undefined : false}
                      extra={previous ? t('charter.compare') : t('charter.first')}
                    >
                      {t('charter.version', { version: v.version })}
                    </List.Item>
                  );
                })}
              </List>
            </div>
            {diffError && <div className="error-text">{diffError}</div>}
          </>
        )}
      </div>
      <Popup
        visible={diff !== null}
        onMaskClick={() => setDiff(null)}
        bodyStyle={{ borderRadius: '12px 12px 0 0', maxHeight: '75vh', overflowY: 'auto' }}
      >
        {diff && (
          <div className="page-body" data-testid="charter-diff">
            <h3>{diff.title}</h3>
            {diff.changes.length === 0 && <p className="muted">{t('charter.noChanges')}</p>}
            {diff.changes.map((ch) => (
              <div key={ch.code} className="card">
                <Tag color={CHANGE_COLOR[ch.change]}>{t(`charter.change.${ch.change}`)}</Tag> <b>{ch.code}</b>
                {ch.before && ch.change !== 'added' && (
                  <p
                    className="muted"
                    style={{ textDecoration: ch.change === 'removed' ? 'line-through' : undefined }}
                  >{`${ch.before.title}：${ch.before.body}`}</p>
                )}
                {ch.after && <p>{`${ch.after.title}：${ch.after.body}`}</p>}
              </div>
            ))}
          </div>
        )}
      </Popup>
    </Page>
  );
}
