import type {
  RiskCaseDetail as CaseDetail,
  RiskCasePage as CasePage,
  RiskDashboard as Dashboard,
  RiskMember as Member,
  RiskReview as Review,
  RiskReviewPage as ReviewPage,
  RiskRings as Rings,
  RiskRuleVersion as Version,
  RiskShadowComparison as Shadow,
  LargeTransactions as Large,
} from '@quanzi/contracts';
import { RiskSignal } from '@quanzi/contracts';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  message,
} from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../shared/api';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { RingGraph } from './ring-graph';
import { yuan } from './risk-model';

const DECISION_COLOR = { allow: 'green', review: 'orange', deny: 'red' } as const;
const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 风控看板: blocked and reviewed grants, money saved, false-positive reversals, rings and open cases. */
export function RiskDashboardPage() {
  const { t } = useTranslation();
  const d = useLoad(() => api<Dashboard>('GET', '/risk/dashboard'), []);
  const count = (use: string[], decision: string) =>
    d.data?.decisions.filter((x) => use.includes(x.use) && x.decision === decision).reduce((s, x) => s + x.count, 0) ?? 0;
  const grants = ['reward_grant', 'referral_reward'];
  return (
    <Card title={t('risk.dashboard.title')} loading={d.loading}>
      <LoadError error={d.error} onRetry={() => void d.reload()} />
      {d.data && (
        <>
          <Row gutter={16} style={{ marginBottom: 24 }}>
            <Col span={4}>
              <Statistic title={t('risk.dashboard.blocked')} value={count(grants, 'deny')} />
            </Col>
            <Col span={4}>
              <Statistic title={t('risk.dashboard.reviewed')} value={count(grants, 'review')} />
            </Col>
            <Col span={4}>
              <Statistic title={t('risk.dashboard.saved')} value={yuan(d.data.moneySaved)} />
            </Col>
            <Col span={4}>
              <Statistic title={t('risk.dashboard.falsePositives')} value={d.data.falsePositiveReversals} />
            </Col>
            <Col span={4}>
              <Statistic title={t('risk.dashboard.rings')} value={d.data.rings} />
            </Col>
            <Col span={4}>
              <Statistic title={t('risk.dashboard.openCases')} value={d.data.openCases} />
            </Col>
          </Row>
          <Table
            title={() => t('risk.dashboard.byUse')}
            rowKey={(r) => `${r.use}:${r.decision}`}
            dataSource={d.data.decisions}
            pagination={false}
            locale={{ emptyText: <Empty description={t('common.empty')} /> }}
            columns={[
              { title: t('risk.dashboard.use'), dataIndex: 'use', render: (u: string) => t(`risk.uses.${u}`, { defaultValue: u }) },
              {
                title: t('risk.dashboard.decision'),
                dataIndex: 'decision',
                render: (v: keyof typeof DECISION_COLOR) => <Tag color={DECISION_COLOR[v]}>{t(`risk.decisions.${v}`)}</Tag>,
              },
              { title: t('risk.dashboard.count'), dataIndex: 'count' },
              { title: t('risk.dashboard.amount'), dataIndex: 'amount', render: (v: string) => yuan(v) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 会员风险: score, reasons (rule, weight, evidence), the ring graph, links, timeline; whitelist a household. */
export function RiskMemberPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const [lookup, setLookup] = useState(id ?? '');
  const member = useLoad(async () => (id ? api<Member>('GET', `/risk/members/${id}`) : undefined), [id]);
  const ring = useLoad(async () => {
    const ringId = member.data?.ringId;
    return ringId ? api<Rings>('GET', `/risk/rings?ringId=${ringId}&limit=1`) : undefined;
  }, [member.data?.ringId]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; reason: string }>();
  const openMember = useCallback((m: string) => navigate(`/risk/members/${m}`), [navigate]);
  const r = ring.data?.items[0];

  const whitelist = async () => {
    const v = await form.validateFields();
    try {
      await api('POST', '/risk/households', { name: v.name, reason: v.reason, memberIds: r!.members });
      void message.success(t('risk.member.householdDone'));
      setOpen(false);
      form.resetFields();
      void member.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Card title={t('risk.member.title')}>
      <Space style={{ marginBottom: 16 }}>
        <Input
          style={{ width: 340 }}
          placeholder={t('risk.member.lookup')}
          value={lookup}
          onChange={(e) => setLookup(e.target.value.trim())}
          data-testid="risk-member-lookup"
        />
        <Button type="primary" onClick={() => lookup && navigate(`/risk/members/${lookup}`)}>
          {t('risk.member.open')}
        </Button>
      </Space>
      <LoadError error={member.error} onRetry={() => void member.reload()} />
      {member.loading && id ? <Card loading /> : null}
      {member.data && (
        <>
          <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('risk.member.score')}>
              <span data-testid="risk-score">{member.data.score}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('risk.member.decision')}>
              <Tag color={DECISION_COLOR[member.data.decision]}>{t(`risk.decisions.${member.data.decision}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('risk.member.household')}>{member.data.household?.name ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table
            title={() => t('risk.member.reasons')}
            rowKey="rule"
            size="small"
            pagination={false}
            dataSource={member.data.reasons}
            locale={{ emptyText: t('risk.member.noReasons') }}
            columns={[
              { title: t('risk.member.rule'), dataIndex: 'rule' },
              { title: t('risk.member.weight'), dataIndex: 'weight' },
              { title: t('risk.member.evidence'), dataIndex: 'evidence' },
            ]}
            data-testid="risk-reasons"
          />
          <Card
            size="small"
            title={t('risk.member.ring')}
            style={{ marginTop: 16 }}
            extra={
              r && !member.data.household ? (
                <Button danger onClick={() => setOpen(true)} data-testid="whitelist-household">
                  {t('risk.member.whitelistHousehold')}
                </Button>
              ) : null
            }
          >
            {r ? (
              <RingGraph members={r.members} links={r.links} focus={member.data.memberId} onOpen={openMember} />
            ) : (
              <Empty description={t('risk.member.noRing')} />
            )}
            <Space wrap style={{ marginTop: 8 }}>
              {member.data.links.slice(0, 30).map((l) => (
                <Tag key={`${l.memberId}:${l.kind}`} onClick={() => openMember(l.memberId)} style={{ cursor: 'pointer' }}>
                  {t(`risk.linkKinds.${l.kind}`, { defaultValue: l.kind })} · {l.memberId.slice(0, 8)}
                </Tag>
              ))}
            </Space>
          </Card>
          <Card size="small" title={t('risk.member.timeline')} style={{ marginTop: 16 }}>
            {member.data.timeline.length ? (
              <Timeline items={member.data.timeline.slice(0, 40).map((e) => ({ children: `${time(e.at)} ${e.kind} ${e.detail}` }))} />
            ) : (
              <Empty description={t('common.empty')} />
            )}
          </Card>
        </>
      )}
      <Modal
        open={open}
        title={t('risk.member.whitelistHousehold')}
        onOk={() => void whitelist()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'household-ok' } as never}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('risk.member.householdName')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="household-name" />
          </Form.Item>
          <Form.Item name="reason" label={t('risk.member.householdReason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} data-testid="household-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 风控审核: the review queue; confirm, whitelist or escalate with a reason. */
export function RiskReviewsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<'pending' | 'decided'>('pending');
  const [before, setBefore] = useState<string[]>([]);
  const cursor = before.at(-1);
  const page = useLoad(
    () => api<ReviewPage>('GET', `/risk/reviews?status=${status}&limit=20${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`),
    [status, cursor],
  );
  const [acting, setActing] = useState<{ review: Review; action: 'confirm' | 'whitelist' | 'escalate' } | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const decide = async () => {
    const v = await form.validateFields();
    try {
      await api('POST', `/risk/reviews/${acting!.review.id}/decision`, { action: acting!.action, reason: v.reason });
      void message.success(t('common.saved'));
      setActing(null);
      form.resetFields();
      void page.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <Card
      title={t('risk.reviews.title')}
      extra={
        <Select
          value={status}
          onChange={(v) => {
            setStatus(v);
            setBefore([]);
          }}
          options={[
            { value: 'pending', label: t('risk.reviews.pending') },
            { value: 'decided', label: t('risk.reviews.decided') },
          ]}
        />
      }
    >
      <LoadError error={page.error} onRetry={() => void page.reload()} />
      <Table<Review>
        rowKey="id"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('common.empty')} /> }}
        expandable={{
          expandedRowRender: (r) =>
            r.reasons.map((x) => (
              <div key={x.rule}>
                {x.rule} (+{x.weight}): {x.evidence}
              </div>
            )),
        }}
        columns={[
          { title: t('risk.reviews.created'), dataIndex: 'createdAt', render: time },
          {
            title: t('risk.reviews.member'),
            dataIndex: 'memberId',
            render: (m: string) => <a onClick={() => navigate(`/risk/members/${m}`)}>{m.slice(0, 8)}</a>,
          },
          { title: t('risk.dashboard.use'), dataIndex: 'use', render: (u: string) => t(`risk.uses.${u}`, { defaultValue: u }) },
          { title: t('risk.reviews.ref'), dataIndex: 'ref' },
          { title: t('risk.reviews.score'), dataIndex: 'score' },
          { title: t('risk.dashboard.amount'), dataIndex: 'amount', render: (a: string | null) => (a ? yuan(a) : '—') },
          { title: '', dataIndex: 'status', render: (s: Review['status']) => <Tag>{t(`risk.reviews.status.${s}`)}</Tag> },
          {
            title: '',
            key: 'actions',
            render: (_, r) =>
              r.status === 'open' || r.status === 'escalated' ? (
                <Space>
                  <Button size="small" danger onClick={() => setActing({ review: r, action: 'confirm' })}>
                    {t('risk.reviews.confirm')}
                  </Button>
                  <Button size="small" onClick={() => setActing({ review: r, action: 'whitelist' })}>
                    {t('risk.reviews.whitelist')}
                  </Button>
                  {r.status === 'open' ? (
                    <Button size="small" onClick={() => setActing({ review: r, action: 'escalate' })}>
                      {t('risk.reviews.escalate')}
                    </Button>
                  ) : null}
                </Space>
              ) : (
                r.reason
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={!before.length} onClick={() => setBefore(before.slice(0, -1))}>
          ‹
        </Button>
        <Button disabled={!page.data?.nextBefore} onClick={() => page.data?.nextBefore && setBefore([...before, page.data.nextBefore])}>
          ›
        </Button>
      </Space>
      <Modal
        open={!!acting}
        title={acting ? t(`risk.reviews.${acting.action}`) : ''}
        onOk={() => void decide()}
        onCancel={() => setActing(null)}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('risk.reviews.reason')} rules={[{ required: true, min: 2, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

const SIGNALS = RiskSignal.options;

interface DraftForm {
  note: string;
  review: number;
  deny: number;
  rules: Array<{ id: string; signal: (typeof SIGNALS)[number]; atLeast: number; weight: number }>;
}

/** 风控规则: versions, a new draft from the one in force, shadow → compare → put in force. */
export function RiskRulesPage() {
  const { t } = useTranslation();
  const versions = useLoad(() => api<{ items: Version[] }>('GET', '/risk/rules'), []);
  const shadowVersion = versions.data?.items.find((v) => v.status === 'shadow');
  const shadow = useLoad(
    async () => (shadowVersion ? api<Shadow>('GET', `/risk/rules/${shadowVersion.version}/shadow`) : undefined),
    [shadowVersion?.version],
  );
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DraftForm>();
  const active = versions.data?.items.find((v) => v.status === 'active');

  const startDraft = () => {
    form.setFieldsValue({
      note: '',
      review: active?.thresholds.review ?? 40,
      deny: active?.thresholds.deny ?? 80,
      rules: (active?.rules ?? []).map((r) => ({ id: r.id, signal: r.signal, atLeast: r.atLeast, weight: r.weight })),
    });
    setOpen(true);
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      await api('POST', '/risk/rules', { note: v.note, thresholds: { review: v.review, deny: v.deny }, rules: v.rules });
      setOpen(false);
      void versions.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const move = async (version: number, status: 'shadow' | 'active' | 'retired') => {
    try {
      await api('POST', `/risk/rules/${version}/status`, { status });
      void versions.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <Card
      title={t('risk.rules.title')}
      extra={
        <Button type="primary" onClick={startDraft}>
          {t('risk.rules.newVersion')}
        </Button>
      }
    >
      <LoadError error={versions.error} onRetry={() => void versions.reload()} />
      <Table<Version>
        rowKey="version"
        loading={versions.loading}
        dataSource={versions.data?.items ?? []}
        pagination={false}
        expandable={{
          expandedRowRender: (v) => (
            <div>
              {v.rules.map((r) => (
                <div key={r.id}>
                  {r.id}: {t(`risk.signals.${r.signal}`)} ≥ {r.atLeast} → +{r.weight}
                </div>
              ))}
              <div>
                {t('risk.rules.thresholdReview')} {v.thresholds.review} · {t('risk.rules.thresholdDeny')} {v.thresholds.deny}
              </div>
            </div>
          ),
        }}
        columns={[
          { title: t('risk.rules.version'), dataIndex: 'version' },
          {
            title: '',
            dataIndex: 'status',
            render: (s: Version['status']) => (
              <Tag color={s === 'active' ? 'green' : s === 'shadow' ? 'purple' : undefined}>{t(`risk.rules.status.${s}`)}</Tag>
            ),
          },
          { title: t('risk.rules.note'), dataIndex: 'note' },
          {
            title: '',
            key: 'actions',
            render: (_, v) => (
              <Space>
                {v.status === 'draft' ? (
                  <Button size="small" onClick={() => void move(v.version, 'shadow')}>
                    {t('risk.rules.toShadow')}
                  </Button>
                ) : null}
                {v.status === 'draft' || v.status === 'shadow' ? (
                  <Button size="small" type="primary" onClick={() => void move(v.version, 'active')}>
                    {t('risk.rules.toActive')}
                  </Button>
                ) : null}
                {v.status === 'draft' || v.status === 'shadow' ? (
                  <Button size="small" onClick={() => void move(v.version, 'retired')}>
                    {t('risk.rules.retire')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {shadow.data ? (
        <Card size="small" title={`${t('risk.rules.shadowResults')} · v${shadow.data.version}`} style={{ marginTop: 16 }}>
          <Space size="large" style={{ marginBottom: 8 }}>
            <Statistic title={t('risk.rules.total')} value={shadow.data.total} />
            <Statistic title={t('risk.rules.differing')} value={shadow.data.differing} />
          </Space>
          <Table
            size="small"
            rowKey={(r) => `${r.use}:${r.decision}:${r.shadowDecision}`}
            dataSource={shadow.data.matrix}
            pagination={false}
            columns={[
              { title: t('risk.dashboard.use'), dataIndex: 'use', render: (u: string) => t(`risk.uses.${u}`, { defaultValue: u }) },
              { title: t('risk.dashboard.decision'), dataIndex: 'decision', render: (d: string) => t(`risk.decisions.${d}`) },
              { title: t('risk.rules.shadowDecision'), dataIndex: 'shadowDecision', render: (d: string) => t(`risk.decisions.${d}`) },
              { title: t('risk.dashboard.count'), dataIndex: 'count' },
            ]}
          />
        </Card>
      ) : null}
      <Modal open={open} width={760} title={t('risk.rules.newVersion')} onOk={() => void save()} onCancel={() => setOpen(false)}>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('risk.rules.note')} rules={[{ required: true, max: 200 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="review" label={t('risk.rules.thresholdReview')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item name="deny" label={t('risk.rules.thresholdDeny')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
          </Space>
          <Form.List name="rules">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'id']} rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]}>
                      <Input placeholder="rule_id" style={{ width: 150 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'signal']} rules={[{ required: true }]}>
                      <Select style={{ width: 200 }} options={SIGNALS.map((s) => ({ value: s, label: t(`risk.signals.${s}`) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'atLeast']} rules={[{ required: true }]}>
                      <InputNumber min={0} precision={0} placeholder={t('risk.rules.atLeast')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}>
                      <InputNumber min={0} max={100} precision={0} placeholder={t('risk.rules.weight')} />
                    </Form.Item>
                    <Button onClick={() => remove(f.name)}>−</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ id: '', signal: 'ring_size', atLeast: 1, weight: 10 })}>{t('risk.rules.addRule')}</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}

const NEXT: Record<string, string[]> = {
  open: ['investigating', 'closed'],
  investigating: ['reported', 'closed'],
  reported: ['closed'],
  closed: [],
};

/** 交易监测: monitoring cases (open → investigating → reported → closed, each with a note) and the daily large-transaction list. */
export function RiskCasesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [before, setBefore] = useState<string[]>([]);
  const cursor = before.at(-1);
  const cases = useLoad(
    () =>
      api<CasePage>(
        'GET',
        `/risk/monitoring/cases?limit=20${status ? `&status=${status}` : ''}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`,
      ),
    [status, cursor],
  );
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const [day, setDay] = useState(yesterday);
  const large = useLoad(() => api<Large>('GET', `/risk/monitoring/large-transactions?day=${day}`), [day]);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [form] = Form.useForm<{ status: string; note: string }>();
  const openCase = async (id: string) => {
    try {
      setDetail(await api<CaseDetail>('GET', `/risk/monitoring/cases/${id}`));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const move = async () => {
    const v = await form.validateFields();
    try {
      setDetail(await api<CaseDetail>('POST', `/risk/monitoring/cases/${detail!.id}/transitions`, v));
      form.resetFields();
      void cases.reload();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        title={t('risk.cases.title')}
        extra={
          <Select
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setBefore([]);
            }}
            options={Object.keys(NEXT).map((s) => ({ value: s, label: t(`risk.cases.status.${s}`) }))}
          />
        }
      >
        <LoadError error={cases.error} onRetry={() => void cases.reload()} />
        <Table
          rowKey="id"
          loading={cases.loading}
          dataSource={cases.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('common.empty')} /> }}
          onRow={(r) => ({ onClick: () => void openCase(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('risk.cases.opened'), dataIndex: 'openedAt', render: time },
            { title: t('risk.cases.kind'), dataIndex: 'kind', render: (k: string) => t(`risk.cases.kinds.${k}`, { defaultValue: k }) },
            { title: t('risk.reviews.member'), dataIndex: 'memberId', render: (m: string) => m.slice(0, 8) },
            { title: t('risk.cases.summary'), dataIndex: 'summary' },
            { title: '', dataIndex: 'status', render: (s: string) => <Tag>{t(`risk.cases.status.${s}`)}</Tag> },
          ]}
        />
        <Space style={{ marginTop: 16 }}>
          <Button disabled={!before.length} onClick={() => setBefore(before.slice(0, -1))}>
            ‹
          </Button>
          <Button
            disabled={!cases.data?.nextBefore}
            onClick={() => cases.data?.nextBefore && setBefore([...before, cases.data.nextBefore])}
          >
            ›
          </Button>
        </Space>
      </Card>
      <Card
        title={t('risk.cases.large')}
        extra={<Input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />}
      >
        <LoadError error={large.error} onRetry={() => void large.reload()} />
        {large.data ? (
          <div style={{ marginBottom: 8 }}>
            {t('risk.cases.threshold')}: {yuan(large.data.thresholdFen)}
          </div>
        ) : null}
        <Table
          rowKey="ref"
          size="small"
          loading={large.loading}
          dataSource={large.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('common.empty')} /> }}
          columns={[
            { title: t('risk.reviews.created'), dataIndex: 'at', render: time },
            { title: t('risk.reviews.member'), dataIndex: 'memberId', render: (m: string) => m.slice(0, 8) },
            { title: t('risk.cases.kind'), dataIndex: 'kind' },
            { title: t('risk.dashboard.amount'), dataIndex: 'amount', render: (a: string) => yuan(a) },
          ]}
        />
      </Card>
      <Modal open={!!detail} width={640} title={detail?.summary} footer={null} onCancel={() => setDetail(null)}>
        {detail ? (
          <>
            <Timeline
              items={detail.history.map((h) => ({ children: `${time(h.at)} ${t(`risk.cases.status.${h.status}`)} · ${h.note}` }))}
            />
            {NEXT[detail.status]!.length ? (
              <Form form={form} layout="inline" onFinish={() => void move()}>
                <Form.Item name="status" rules={[{ required: true }]}>
                  <Select
                    style={{ width: 140 }}
                    options={NEXT[detail.status]!.map((s) => ({ value: s, label: t(`risk.cases.status.${s}`) }))}
                  />
                </Form.Item>
                <Form.Item name="note" rules={[{ required: true, min: 2, max: 1000 }]}>
                  <Input placeholder={t('risk.cases.note')} />
                </Form.Item>
                <Button htmlType="submit" type="primary">
                  {t('risk.cases.move')}
                </Button>
              </Form>
            ) : null}
          </>
        ) : null}
      </Modal>
    </Space>
  );
}
