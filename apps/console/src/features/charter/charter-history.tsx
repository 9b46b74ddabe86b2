import { Button, Col, Descriptions, Empty, Modal, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { publicApi } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import {
  newestFirst,
  previousVersion,
  type CharterDiff,
  type CharterDiffEntry,
  type CharterVersion,
  type CharterVersionInfo,
} from './charter-model';
import { RuleList, RuleText } from './rule-list';

export interface DiffTarget {
  from: number;
  to: number;
}

interface HistoryProps {
  versions: CharterVersionInfo[];
  current: number | undefined;
  onView(version: number): void;
  onCompare(target: DiffTarget): void;
}

/** Every published version, newest first; each can be read in full and compared with the one before it. */
export function CharterHistory({ versions, current, onView, onCompare }: HistoryProps) {
  const { t } = useTranslation();
  return (
    <Table<CharterVersionInfo>
      rowKey="version"
      size="middle"
      dataSource={newestFirst(versions)}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('charter.none') }}
      onRow={(v) => ({ 'data-testid': `charter-version-${v.version}` }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('charter.version'),
          dataIndex: 'version',
          render: (v: number) => (
            <Space size={4} style={{ whiteSpace: 'nowrap' }}>
              {t('charter.versionNo', { version: v })}
              {v === current && <Tag color="blue">{t('charter.current')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('charter.summary'),
          dataIndex: 'summary',
          render: (s: string) => <div style={{ whiteSpace: 'pre-wrap', minWidth: 240, maxWidth: 560 }}>{s}</div>,
        },
        { title: t('charter.publishedBy'), dataIndex: 'publishedBy' },
        { title: t('charter.publishedAt'), dataIndex: 'publishedAt', render: (at: string) => shanghaiTime(at) },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, v) => {
            const from = previousVersion(versions, v.version);
            return (
              <Space size={0}>
                <Button type="link" size="small" data-testid={`charter-view-${v.version}`} onClick={() => onView(v.version)}>
                  {t('charter.view')}
                </Button>
                {from === undefined ? (
                  <Typography.Text type="secondary" style={{ paddingInline: 7 }}>
                    {t('charter.firstVersion')}
                  </Typography.Text>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    data-testid={`charter-compare-${v.version}`}
                    onClick={() => onCompare({ from, to: v.version })}
                  >
                    {t('charter.compare')}
                  </Button>
                )}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

/** One version in full, as members saw it while it was current. */
export function CharterVersionModal({ version, onClose }: { version: number | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={version !== null}
      title={version !== null && t('charter.versionTitle', { version })}
      footer={null}
      width={760}
      onCancel={onClose}
      destroyOnHidden
    >
      {version !== null && <VersionContent version={version} />}
    </Modal>
  );
}

function VersionContent({ version }: { version: number }) {
  const { data, error, loading, reload } = useLoad(() => publicApi<CharterVersion>('GET', `/charter/versions/${version}`), [version]);
  return (
    <Spin spinning={loading}>
      <LoadError error={error} onRetry={reload} />
      {data && (
        <>
          <VersionFacts version={data} />
          <RuleList rules={data.rules} testId="charter-version-rules" />
        </>
      )}
    </Spin>
  );
}

/** Who published a version, when, and why. */
export function VersionFacts({ version, extra }: { version: CharterVersion | CharterVersionInfo; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('charter.version')}>
        <Space size={4}>
          {t('charter.versionNo', { version: version.version })}
          {extra}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('charter.publishedBy')}>{version.publishedBy}</Descriptions.Item>
      <Descriptions.Item label={t('charter.publishedAt')}>{shanghaiTime(version.publishedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('charter.summary')} span={3}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{version.summary}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 与上一版对比: what a version added, removed and changed, rule by rule. */
export function CharterDiffModal({ target, onClose }: { target: DiffTarget | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={target !== null}
      title={target && t('charter.diffTitle', { from: target.from, to: target.to })}
      footer={null}
      width={900}
      onCancel={onClose}
      destroyOnHidden
    >
      {target && <DiffContent target={target} />}
    </Modal>
  );
}

function DiffContent({ target: { from, to } }: { target: DiffTarget }) {
  const { t } = useTranslation();
  const qs = new URLSearchParams({ from: String(from), to: String(to) }).toString();
  const { data, error, loading, reload } = useLoad(() => publicApi<CharterDiff>('GET', `/charter/diff?${qs}`), [qs]);
  return (
    <Spin spinning={loading}>
      <LoadError error={error} onRetry={reload} />
      {data && !data.changes.length && <Empty data-testid="charter-diff-empty" description={t('charter.noChanges')} />}
      {data && data.changes.length > 0 && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="charter-diff">
          {data.changes.map((entry) => (
            <DiffEntry key={`${entry.change}-${entry.code}`} entry={entry} />
          ))}
        </Space>
      )}
    </Spin>
  );
}

const ADDED = { background: '#f6ffed', border: '1px solid #b7eb8f' };
const REMOVED = { background: '#fff1f0', border: '1px solid #ffa39e' };
const box = (colors: typeof ADDED) => ({ ...colors, borderRadius: 6, padding: '8px 12px', height: '100%' });
const TAG_COLOR = { added: 'success', removed: 'error', changed: 'warning' } as const;

function DiffEntry({ entry }: { entry: CharterDiffEntry }) {
  const { t } = useTranslation();
  const { change, before, after } = entry;
  return (
    <div data-testid={`charter-diff-${entry.code}`} data-change={change}>
      <Space size={4} style={{ marginBottom: 6 }}>
        <Tag style={{ fontFamily: 'monospace' }}>{entry.code}</Tag>
        <Tag color={TAG_COLOR[change]}>{t(`charter.change.${change}`)}</Tag>
      </Space>
      {change === 'added' && after && (
        <div style={box(ADDED)}>
          <RuleText rule={after} />
        </div>
      )}
      {change === 'removed' && before && (
        <div style={box(REMOVED)}>
          <RuleText rule={before} deleted />
        </div>
      )}
      {change === 'changed' && (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('charter.before')}</Typography.Text>
            <div style={box(REMOVED)} data-testid={`charter-diff-${entry.code}-before`}>
              {before && <RuleText rule={before} />}
            </div>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text type="secondary">{t('charter.after')}</Typography.Text>
            <div style={box(ADDED)} data-testid={`charter-diff-${entry.code}-after`}>
              {after && <RuleText rule={after} />}
            </div>
          </Col>
        </Row>
      )}
    </div>
  );
}
