import type { SensitiveWord, SensitiveWordCategory, SensitiveWordVerdict } from '@quanzi/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { shanghaiTime } from '../../shared/finance';
import { LoadError } from '../../shared/load-error';
import { useLoad } from '../../shared/use-load';
import { ruleLabel, type CharterRule } from '../moderation-queue/moderation-model';
import { RulePicker, useCharterRules } from '../moderation-queue/rule-picker';
import {
  CATEGORIES,
  VERDICTS,
  VERDICT_COLORS,
  WORD_MAX,
  existingWord,
  filterWords,
  toWordRequest,
  type WordFilters,
  type WordFormValues,
} from './words-model';

/** 敏感词: the word filter's list — flag (warn readers), hold (review first) or block — each under a charter rule. */
export function WordsPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(
    () => api<{ items: SensitiveWord[] }>('GET', '/moderation/words').then((r) => r.items),
    [],
  );
  const charter = useCharterRules();
  const [filters, setFilters] = useState<WordFilters>({});
  const [editing, setEditing] = useState<WordFormValues | null>(null);
  const [modal, contextHolder] = Modal.useModal();
  const shown = useMemo(() => filterWords(data ?? [], filters), [data, filters]);

  const remove = (w: SensitiveWord) =>
    void modal.confirm({
      title: t('words.removeTitle', { word: w.word }),
      content: t('words.removeBody'),
      okText: t('words.remove'),
      okButtonProps: { danger: true, 'data-testid': 'word-remove-confirm' },
      cancelText: t('communityCommon.cancel'),
      onOk: async () => {
        try {
          await api('DELETE', `/moderation/words/${w.id}`);
          void message.success(t('words.removed', { word: w.word }));
          void reload();
        } catch (err) {
          void message.error(errorMessage(err));
          throw err;
        }
      },
    });

  return (
    <Card
      title={t('menu.sensitiveWords')}
      extra={
        <Space>
          <Button onClick={reload}>{t('communityCommon.refresh')}</Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="word-add"
            onClick={() => setEditing({ verdict: 'flag', category: 'contact' })}
          >
            {t('words.add')}
          </Button>
        </Space>
      }
    >
      {contextHolder}
      <Alert type="info" showIcon message={t('words.note')} style={{ marginBottom: 16 }} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('words.search')}
          style={{ width: 220 }}
          onSearch={(q) => setFilters((f) => ({ ...f, q }))}
          onChange={(e) => !e.target.value && setFilters((f) => ({ ...f, q: undefined }))}
        />
        <Select<SensitiveWordCategory>
          allowClear
          placeholder={t('words.allCategories')}
          style={{ width: 140 }}
          value={filters.category}
          onChange={(category) => setFilters((f) => ({ ...f, category }))}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`words.category.${c}`) }))}
        />
        <Select<SensitiveWordVerdict>
          allowClear
          placeholder={t('words.allVerdicts')}
          style={{ width: 140 }}
          value={filters.verdict}
          onChange={(verdict) => setFilters((f) => ({ ...f, verdict }))}
          options={VERDICTS.map((v) => ({ value: v, label: t(`words.verdict.${v}`) }))}
        />
      </Space>
      <LoadError error={error} onRetry={reload} />
      <Table<SensitiveWord>
        rowKey="id"
        loading={loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { count: n }) }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('words.empty') }}
        onRow={(w) => ({ 'data-testid': `word-row-${w.word}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('words.word'), dataIndex: 'word', render: (w: string) => <Typography.Text code>{w}</Typography.Text> },
          { title: t('words.categoryLabel'), dataIndex: 'category', render: (c: SensitiveWordCategory) => t(`words.category.${c}`) },
          {
            title: t('words.verdictLabel'),
            dataIndex: 'verdict',
            render: (v: SensitiveWordVerdict) => (
              <Tooltip title={t(`words.verdictHint.${v}`)}>
                <Tag color={VERDICT_COLORS[v]}>{t(`words.verdict.${v}`)}</Tag>
              </Tooltip>
            ),
          },
          { title: t('words.rule'), dataIndex: 'ruleCode', render: (code: string) => <RuleCell code={code} rules={charter.data} /> },
          { title: t('words.createdBy'), dataIndex: 'createdBy' },
          { title: t('words.createdAt'), dataIndex: 'createdAt', render: shanghaiTime },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, w) => (
              <Space size={0}>
                <Button type="link" size="small" data-testid={`word-edit-${w.word}`} onClick={() => setEditing({ ...w })}>
                  {t('words.edit')}
                </Button>
                <Button type="link" size="small" danger data-testid={`word-remove-${w.word}`} onClick={() => remove(w)}>
                  {t('words.remove')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <WordModal
        initial={editing}
        words={data}
        rules={charter.data}
        rulesLoading={charter.loading}
        onClose={() => setEditing(null)}
        onSaved={() => void reload()}
      />
    </Card>
  );
}

function RuleCell({ code, rules }: { code: string; rules: readonly CharterRule[] | undefined }) {
  const rule = rules?.find((r) => r.code === code);
  return (
    <Tooltip title={rule?.body}>
      <span>{ruleLabel(code, rules)}</span>
    </Tooltip>
  );
}

interface WordModalProps {
  /** The word being edited, or the defaults of a new one; null when closed. */
  initial: WordFormValues | null;
  words: readonly SensitiveWord[] | undefined;
  rules: readonly CharterRule[] | undefined;
  rulesLoading: boolean;
  onClose(): void;
  onSaved(): void;
}

/** Adds a word, or changes one's category, verdict or rule (the API replaces a listed word). */
function WordModal({ initial, words, rules, rulesLoading, onClose, onSaved }: WordModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WordFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const editing = !!initial?.word;
  const typed = Form.useWatch('word', form);
  const verdict = Form.useWatch('verdict', form);
  const duplicate = !editing ? existingWord(words, typed) : undefined;
  useEffect(() => {
    if (initial) {
      setError(undefined);
      form.resetFields();
      form.setFieldsValue(initial);
    }
  }, [initial, form]);

  const submit = async (values: WordFormValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api<SensitiveWord>('POST', '/moderation/words', toWordRequest(values));
      void message.success(t('words.saved', { word: saved.word }));
      onClose();
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={initial !== null}
      title={editing ? t('words.editTitle', { word: initial?.word }) : t('words.addTitle')}
      okText={t('words.save')}
      cancelText={t('communityCommon.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => !busy && onClose()}
      okButtonProps={{ 'data-testid': 'word-save' }}
      width={600}
      forceRender
    >
      <Form<WordFormValues> form={form} layout="vertical" onFinish={submit} disabled={busy} onValuesChange={() => setError(undefined)}>
        <Form.Item
          name="word"
          label={t('words.word')}
          extra={duplicate ? t('words.duplicate', { verdict: t(`words.verdict.${duplicate.verdict}`) }) : t('words.wordHint')}
          rules={[
            { required: true, whitespace: true, message: t('words.wordRequired') },
            { max: WORD_MAX, message: t('words.wordTooLong', { max: WORD_MAX }) },
          ]}
        >
          <Input data-testid="word-input" maxLength={WORD_MAX} disabled={editing} />
        </Form.Item>
        <Form.Item name="category" label={t('words.categoryLabel')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={CATEGORIES.map((c) => ({ value: c, label: t(`words.category.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="verdict"
          label={t('words.verdictLabel')}
          extra={verdict ? t(`words.verdictHint.${verdict}`) : undefined}
          rules={[{ required: true }]}
        >
          <Radio.Group>
            {VERDICTS.map((v) => (
              <Radio.Button key={v} value={v} data-testid={`word-verdict-${v}`}>
                {t(`words.verdict.${v}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="ruleCode" label={t('words.rule')} rules={[{ required: true, message: t('modCommon.ruleRequired') }]}>
          <RulePicker rules={rules} loading={rulesLoading} testId="word-rule" />
        </Form.Item>
      </Form>
      {error && <Alert data-testid="word-error" type="error" showIcon message={error} />}
    </Modal>
  );
}
