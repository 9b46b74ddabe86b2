import type { ConsoleAppeal } from '@quanzi/contracts';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLastOpened } from '../../shared/action-modal';
import { ApiError, api, errorMessage } from '../../shared/api';
import { MemberLink, ShortId, shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useOperator } from '../../shared/operator-context';
import { useLoad } from '../../shared/use-load';
import { ACTION_COLORS } from '../moderation-log/modlog-model';
import { DECISION_NOTE_MAX, actedBy, mergeDecided, toDecisionRequest, type DecisionFormValues } from './appeals-model';

type TabKey = 'pending' | 'decided';
type List = { items: ConsoleAppeal[] };

const load = (tab: TabKey): Promise<ConsoleAppeal[]> =>
  tab === 'pending'
    ? api<List>('GET', '/moderation/appeals?status=pending&limit=200').then((r) => r.items)
    : Promise.all([
        api<List>('GET', '/moderation/appeals?status=upheld&limit=200'),
        api<List>('GET', '/moderation/appeals?status=overturned&limit=200'),
      ]).then(([a, b]) => mergeDecided(a.items, b.items));

/** 申诉: members' appeals against moderation; decided by a different operator than the one who acted. */
export function AppealsPage() {
  const { t } = useTranslation();
  const me = useOperator().operator;
  const [tab, setTab] = useState<TabKey>('pending');
  const { data, error, loading, reload } = useLoad(() => load(tab), [tab]);
  const [deciding, setDeciding] = useState<ConsoleAppeal | null>(null);

  return (
    <Card title={t('menu.appeals')} extra={<Button onClick={reload}>{t('communityCommon.refresh')}</Button>}>
      <Alert type="info" showIcon message={t('appeals.note')} style={{ marginBottom: 8 }} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as TabKey)}
        items={[
          { key: 'pending', label: <span data-testid="appeals-tab-pending">{t('appeals.tab.pending')}</span> },
          { key: 'decided', label: <span data-testid="appeals-tab-decided">{t('appeals.tab.decided')}</span> },
        ]}
      />
      <LoadError error={error} onRetry={reload} />
      <Table<ConsoleAppeal>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: tab === 'pending' ? t('appeals.emptyPending') : t('appeals.emptyDecided') }}
        onRow={(a) => ({ 'data-testid': `appeal-row-${a.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('appeals.submittedAt'), dataIndex: 'createdAt', render: shanghaiTime },
          { title: t('appeals.member'), dataIndex: 'memberId', render: (id: string) => <MemberLink id={id} /> },
          { title: t('appeals.appealed'), key: 'action', render: (_, a) => <ActionSummary appeal={a} /> },
          {
            title: t('appeals.reason'),
            dataIndex: 'reason',
            render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', minWidth: 180, maxWidth: 320 }}>{v}</div>,
          },
          ...(tab === 'pending'
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, a: ConsoleAppeal) => (
                    <Space direction="vertical" size={2}>
                      <Button size="small" type="primary" data-testid={`appeal-decide-${a.id}`} onClick={() => setDeciding(a)}>
                        {t('appeals.decide')}
                      </Button>
                      {actedBy(a, me?.id) && (
                        <Typography.Text type="warning" style={{ fontSize: 12 }}>
                          {t('appeals.yours')}
                        </Typography.Text>
                      )}
                    </Space>
                  ),
                },
              ]
            : [
                {
                  title: t('appeals.decision'),
                  key: 'decision',
                  render: (_: unknown, a: ConsoleAppeal) => (
                    <Space direction="vertical" size={2} style={{ maxWidth: 320 }}>
                      <Tag color={a.status === 'overturned' ? 'blue' : 'default'}>{t(`appeals.outcome.${a.status}`)}</Tag>
                      {a.decisionNote && <span style={{ whiteSpace: 'pre-wrap' }}>{a.decisionNote}</span>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {a.decidedBy ?? '—'} · {shanghaiTime(a.decidedAt)}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      <DecideModal appeal={deciding} operatorId={me?.id} onClose={() => setDeciding(null)} onDone={() => void reload()} />
    </Card>
  );
}

/** The appealed action: what, under which rule, why, by whom, on what. */
function ActionSummary({ appeal }: { appeal: ConsoleAppeal }) {
  const { t } = useTranslation();
  const a = appeal.action;
  return (
    <div style={{ minWidth: 220, maxWidth: 360 }}>
      <Space size={4} wrap>
        <Tag color={ACTION_COLORS[a.action]}>{t(`modCommon.action.${a.action}`)}</Tag>
        {a.hours !== null && <Typography.Text type="secondary">{t('modlog.hours', { count: a.hours })}</Typography.Text>}
        <Tag style={{ fontFamily: 'monospace' }}>{a.rule.code}</Tag>
        <span>{a.rule.title}</span>
      </Space>
      <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{a.reason}</div>
      {a.excerpt && (
        <Typography.Paragraph
          type="secondary"
          ellipsis={{ rows: 2, expandable: true }}
          style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}
        >
          「{a.excerpt}」
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {a.actor.label}
        {a.actorName ? ` · ${a.actorName}` : ''} · {shanghaiTime(a.createdAt)}
      </Typography.Text>
    </div>
  );
}

/**
 * Upholds or overturns the action, with a note that is published and sent to the member. The
 * operator who acted may not decide (APPEAL_SAME_OPERATOR): warned up front, and the server's
 * refusal is shown in place if they try.
 */
function DecideModal({
  appeal: current,
  operatorId,
  onClose,
  onDone,
}: {
  appeal: ConsoleAppeal | null;
  operatorId: string | undefined;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const appeal = useLastOpened(current);
  const [form] = Form.useForm<DecisionFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: string; message: string }>();
  const open = current !== null;
  useEffect(() => {
    if (open) setError(undefined);
  }, [open]);

  const submit = async (values: DecisionFormValues) => {
    if (!appeal) return;
    setBusy(true);
    setError(undefined);
    try {
      await api<ConsoleAppeal>('POST', `/moderation/appeals/${appeal.id}/decide`, toDecisionRequest(values));
      void message.success(t(values.outcome === 'overturned' ? 'appeals.overturnedDone' : 'appeals.upheldDone'));
      onClose();
      onDone();
    } catch (err) {
      setError({ code: err instanceof ApiError ? err.code : 'UNKNOWN', message: errorMessage(err) });
      if (err instanceof ApiError && err.code === 'APPEAL_ALREADY_DECIDED') onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('appeals.decideTitle')}
      width={640}
      onCancel={() => !busy && onClose()}
      maskClosable={!busy}
      destroyOnHidden
      footer={
        <Space>
          <Button data-testid="decide-cancel" disabled={busy} onClick={onClose}>
            {t('communityCommon.cancel')}
          </Button>
          <Button data-testid="decide-confirm" type="primary" loading={busy} onClick={() => form.submit()}>
            {t('appeals.decide')}
          </Button>
        </Space>
      }
    >
      {appeal && (
        <>
          {actedBy(appeal, operatorId) && (
            <Alert
              data-testid="decide-own-warning"
              type="warning"
              showIcon
              message={t('appeals.ownWarning')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              { key: 'action', label: t('appeals.appealed'), children: <ActionSummary appeal={appeal} /> },
              {
                key: 'target',
                label: t('modCommon.target'),
                children: appeal.action.targetId ? <ShortId id={appeal.action.targetId} /> : '—',
              },
              { key: 'member', label: t('appeals.member'), children: <MemberLink id={appeal.memberId} /> },
              { key: 'reason', label: t('appeals.reason'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{appeal.reason}</span> },
            ]}
          />
        </>
      )}
      <Form<DecisionFormValues> form={form} layout="vertical" onFinish={submit} disabled={busy} onValuesChange={() => setError(undefined)}>
        <Form.Item name="outcome" label={t('appeals.outcomeLabel')} rules={[{ required: true, message: t('appeals.outcomeRequired') }]}>
          <Radio.Group>
            <Space direction="vertical">
              <Radio value="upheld" data-testid="decide-upheld">
                {t('appeals.outcome.upheld')} <Typography.Text type="secondary">— {t('appeals.upheldHint')}</Typography.Text>
              </Radio>
              <Radio value="overturned" data-testid="decide-overturned">
                {t('appeals.outcome.overturned')} <Typography.Text type="secondary">— {t('appeals.overturnedHint')}</Typography.Text>
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="note"
          label={t('appeals.noteLabel')}
          extra={t('appeals.noteHint')}
          rules={[
            { required: true, whitespace: true, message: t('appeals.noteRequired') },
            { max: DECISION_NOTE_MAX, message: t('appeals.noteTooLong', { max: DECISION_NOTE_MAX }) },
          ]}
        >
          <Input.TextArea data-testid="decide-note" rows={3} maxLength={DECISION_NOTE_MAX} showCount />
        </Form.Item>
      </Form>
      {error && (
        <Alert
          data-testid="decide-error"
          type="error"
          showIcon
          message={error.code === 'APPEAL_SAME_OPERATOR' ? t('appeals.sameOperatorTitle') : t('appeals.failed')}
          description={error.message}
        />
      )}
    </Modal>
  );
}
