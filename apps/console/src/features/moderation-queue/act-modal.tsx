import type { StaffAction, StaffModlogEntry } from '@quanzi/contracts';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Modal, Radio, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLastOpened } from '../../shared/action-modal';
import { ApiError, api, errorMessage } from '../../shared/api';
import { MemberLink, ShortId } from '../../shared/finance';
import {
  MUTE_MAX_HOURS,
  MUTE_PRESETS,
  REASON_MAX,
  isDestructive,
  toActRequest,
  type ActFormValues,
  type ActTarget,
  type CharterRule,
} from './moderation-model';
import { RulePicker } from './rule-picker';

interface Props {
  /** What to act on; null when closed. */
  target: ActTarget | null;
  /** The actions offered, first one preselected unless `initialAction` says otherwise. */
  actions: StaffAction[];
  initialAction?: StaffAction;
  /** Preselected rule (e.g. the one most reports cite). */
  initialRule?: string;
  rules: readonly CharterRule[] | undefined;
  rulesLoading?: boolean;
  onClose(): void;
  onDone(entry: StaffModlogEntry): void;
  /** The target changed under us (404/409): the page reloads. */
  onStale?(): void;
}

/**
 * One moderation action: which action, the charter rule it cites and the reason (both required —
 * the server refuses without them), the hours of a mute. It lands in the public moderation log and
 * the author is notified with an appeal link; the confirm says so. Server refusals stay on screen.
 */
export function ActModal({ target: current, actions, initialAction, initialRule, rules, rulesLoading, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const target = useLastOpened(current);
  const [form] = Form.useForm<ActFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const action = Form.useWatch('action', form);
  const open = current !== null;
  const firstAction = initialAction ?? actions[0];

  // Each opening starts from the suggested action and rule, with an empty reason.
  useEffect(() => {
    if (!open) return;
    setError(undefined);
    form.setFieldsValue({ action: firstAction, ruleCode: initialRule, reason: '', hours: 24 });
  }, [open, form, firstAction, initialRule, current?.id]);

  const submit = async (values: ActFormValues) => {
    if (!target) return;
    setBusy(true);
    setError(undefined);
    try {
      const entry = await api<StaffModlogEntry>('POST', '/moderation/actions', toActRequest(values, target));
      void message.success(t('modAct.done', { action: t(`modCommon.action.${values.action}`) }));
      onDone(entry);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) onStale?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('modAct.title')}
      width={640}
      onCancel={() => !busy && onClose()}
      maskClosable={!busy}
      destroyOnHidden
      footer={
        <Space>
          <Button data-testid="act-cancel" disabled={busy} onClick={onClose}>
            {t('communityCommon.cancel')}
          </Button>
          <Button
            data-testid="act-confirm"
            type="primary"
            danger={action ? isDestructive(action) : false}
            loading={busy}
            onClick={() => form.submit()}
          >
            {action ? t('modAct.confirm', { action: t(`modCommon.action.${action}`) }) : t('modAct.title')}
          </Button>
        </Space>
      }
    >
      {target && (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'target',
              label: t('modCommon.target'),
              children: (
                <Space size={4}>
                  <Tag>{t(`modCommon.targetType.${target.type}`)}</Tag>
                  <ShortId id={target.id} />
                </Space>
              ),
            },
            ...(target.authorId
              ? [
                  {
                    key: 'author',
                    label: t(target.type === 'member' ? 'modCommon.member' : 'modCommon.author'),
                    children: <MemberLink id={target.authorId} />,
                  },
                ]
              : []),
            ...(target.excerpt
              ? [
                  {
                    key: 'excerpt',
                    label: t('modCommon.content'),
                    children: (
                      <Typography.Paragraph
                        data-testid="act-excerpt"
                        ellipsis={{ rows: 4, expandable: true }}
                        style={{ whiteSpace: 'pre-wrap', margin: 0 }}
                      >
                        {target.excerpt}
                      </Typography.Paragraph>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Form<ActFormValues> form={form} layout="vertical" onFinish={submit} disabled={busy} onValuesChange={() => setError(undefined)}>
        <Form.Item name="action" label={t('modAct.action')} rules={[{ required: true, message: t('modAct.actionRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {actions.map((a) => (
              <Radio.Button key={a} value={a} data-testid={`act-action-${a}`}>
                {t(`modCommon.action.${a}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {action === 'mute' && (
          <Form.Item label={t('modAct.hours')} required>
            <Space wrap>
              <Form.Item name="hours" noStyle rules={[{ required: true, message: t('modAct.hoursRequired', { max: MUTE_MAX_HOURS }) }]}>
                <InputNumber
                  data-testid="act-hours"
                  min={1}
                  max={MUTE_MAX_HOURS}
                  precision={0}
                  addonAfter={t('modAct.hoursUnit')}
                  style={{ width: 160 }}
                />
              </Form.Item>
              {MUTE_PRESETS.map((h) => (
                <Button key={h} size="small" onClick={() => form.setFieldValue('hours', h)}>
                  {h % 24 === 0 ? t('modAct.days', { count: h / 24 }) : t('modAct.hoursShort', { count: h })}
                </Button>
              ))}
            </Space>
          </Form.Item>
        )}
        <Form.Item name="ruleCode" label={t('modCommon.rule')} rules={[{ required: true, message: t('modCommon.ruleRequired') }]}>
          <RulePicker rules={rules} loading={rulesLoading} testId="act-rule" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('modAct.reason')}
          extra={t('modAct.reasonHint')}
          rules={[
            { required: true, whitespace: true, message: t('modAct.reasonRequired') },
            { max: REASON_MAX, message: t('modAct.reasonTooLong', { max: REASON_MAX }) },
          ]}
        >
          <Input.TextArea data-testid="act-reason" rows={3} maxLength={REASON_MAX} showCount placeholder={t('modAct.reasonPlaceholder')} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon message={t('modAct.publicNote')} style={{ marginBottom: error ? 12 : 0 }} />
      {error && <Alert data-testid="act-error" type="error" showIcon message={t('modAct.failed')} description={error} />}
    </Modal>
  );
}
