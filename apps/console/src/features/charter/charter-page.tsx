import { Alert, Button, Card, Empty, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, publicApi } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { CharterEditor } from './charter-editor';
import { CharterDiffModal, CharterHistory, CharterVersionModal, VersionFacts, type DiffTarget } from './charter-history';
import { withPublished, type CharterVersion, type PublicCharter } from './charter-model';
import { RuleList } from './rule-list';

/** No charter published yet reads as empty, not as a failure. */
const loadCharter = (): Promise<PublicCharter | null> =>
  publicApi<PublicCharter>('GET', '/charter').catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });

/**
 * 社区公约: the charter members read (from the public API, exactly as they see it), the editor that
 * publishes a new version, and the version history. Published versions never change.
 */
export function CharterPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(loadCharter, []);
  const [published, setPublished] = useState<CharterVersion>();
  const [viewing, setViewing] = useState<number | null>(null);
  const [comparing, setComparing] = useState<DiffTarget | null>(null);
  const charter = data ? withPublished(data, published) : data;
  const current = charter?.current ?? null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('menu.charter')}
        loading={loading && data === undefined}
        extra={<Button onClick={reload}>{t('finance.refresh')}</Button>}
        data-testid="charter-current"
      >
        <Alert
          data-testid="charter-criticism-note"
          type="info"
          showIcon
          message={t('charter.noCriticismRule')}
          style={{ marginBottom: 16 }}
        />
        <LoadError error={error} onRetry={reload} />
        {charter === null && <Empty data-testid="charter-empty" description={t('charter.none')} />}
        {current && (
          <>
            <VersionFacts version={current} extra={<Tag color="blue">{t('charter.current')}</Tag>} />
            <RuleList rules={current.rules} testId="charter-rules" />
          </>
        )}
      </Card>
      {charter !== undefined && (
        <CharterEditor
          key={current?.version ?? 0}
          current={current}
          onPublished={(v) => {
            setPublished(v);
            void reload();
          }}
        />
      )}
      {charter && (
        <Card title={t('charter.history')} data-testid="charter-history">
          <CharterHistory versions={charter.versions} current={current?.version} onView={setViewing} onCompare={setComparing} />
        </Card>
      )}
      <CharterVersionModal version={viewing} onClose={() => setViewing(null)} />
      <CharterDiffModal target={comparing} onClose={() => setComparing(null)} />
    </Space>
  );
}
