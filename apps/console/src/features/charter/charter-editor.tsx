import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../shared/api';
import { LIMITS, nextRuleCode, sameRules, toPublishRequest, type CharterFormValues, type CharterVersion } from './charter-model';

interface Props {
  /** The version being edited; `null` when none is published yet. Remount (key) when it changes. */
  current: CharterVersion | null;
  onPublished(version: CharterVersion): void;
}

/** Drafts the next version from the current one and publishes it, after a confirmation. */
export function CharterEditor({ current, onPublished }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CharterFormValues>();
  const [modal, contextHolder] = Modal.useModal();
  const [error, setError] = useState<string>();
  const publishedCodes = current?.rules.map((r) => r.code) ?? [];
  const initialValues: CharterFormValues = {
    rules: current?.rules.length ? current.rules : [{ code: 'R1', title: '', body: '' }],
    summary: '',
  };

  const publish = async (values: CharterFormValues) => {
    setError(undefined);
    try {
      const version = await api<CharterVersion>('POST', '/charter', toPublishRequest(values));
      void message.success(t('charter.published', { version: version.version }));
      onPublished(version);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const confirm = (values: CharterFormValues) => {
    const request = toPublishRequest(values);
    if (current && sameRules(request.rules, current.rules)) {
      setError(t('charter.unchanged'));
      return;
    }
    void modal.confirm({
      title: t('charter.confirmTitle', { version: (current?.version ?? 0) + 1 }),
      content: (
        <>
          <p>{t('charter.confirmBody')}</p>
          <Typography.Text type="secondary">{t('charter.summary')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{request.summary}</Typography.Paragraph>
        </>
      ),
      okText: t('charter.publish'),
      cancelText: t('finance.cancel'),
      okButtonProps: { 'data-testid': 'charter-publish-confirm' },
      onOk: () => publish(values),
    });
  };

  return (
    <Card title={t('charter.editor')} data-testid="charter-editor">
      {contextHolder}
      <Typography.Paragraph type="secondary">{t('charter.editorHint')}</Typography.Paragraph>
      <Form<CharterFormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={confirm}
        onValuesChange={() => setError(undefined)}
      >
        <Form.List
          name="rules"
          rules={[
            {
              validator: (_, rules?: unknown[]) =>
                !rules?.length
                  ? Promise.reject(new Error(t('charter.rulesRequired')))
                  : rules.length > LIMITS.rules
                    ? Promise.reject(new Error(t('charter.tooManyRules', { max: LIMITS.rules })))
                    : Promise.resolve(),
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field) => {
                const code: string = form.getFieldValue(['rules', field.name, 'code']);
                return (
                  <div key={field.key} data-testid={`charter-rule-${code}`} className="charter-rule-row">
                    <Form.Item name={[field.name, 'code']} hidden>
                      <Input />
                    </Form.Item>
                    <Tag style={{ fontFamily: 'monospace', marginTop: 6 }}>{code}</Tag>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <Form.Item
                        name={[field.name, 'title']}
                        label={t('charter.title')}
                        rules={[
                          { required: true, whitespace: true, message: t('charter.titleRequired') },
                          {
                            validator: (_, v?: string) =>
                              lengthCheck(
                                v,
                                LIMITS.titleMin,
                                LIMITS.titleMax,
                                t('charter.titleLength', len(LIMITS.titleMin, LIMITS.titleMax)),
                              ),
                          },
                        ]}
                      >
                        <Input data-testid={`charter-rule-title-${code}`} maxLength={LIMITS.titleMax} showCount />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'body']}
                        label={t('charter.body')}
                        rules={[
                          { required: true, whitespace: true, message: t('charter.bodyRequired') },
                          {
                            validator: (_, v?: string) =>
                              lengthCheck(v, LIMITS.bodyMin, LIMITS.bodyMax, t('charter.bodyLength', len(LIMITS.bodyMin, LIMITS.bodyMax))),
                          },
                        ]}
                        style={{ marginBottom: 8 }}
                      >
                        <Input.TextArea
                          data-testid={`charter-rule-body-${code}`}
                          autoSize={{ minRows: 2, maxRows: 8 }}
                          maxLength={LIMITS.bodyMax}
                          showCount
                        />
                      </Form.Item>
                    </div>
                    <Button
                      danger
                      type="text"
                      icon={<DeleteOutlined />}
                      data-testid={`charter-remove-rule-${code}`}
                      aria-label={t('charter.removeRule')}
                      title={t('charter.removeRule')}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    />
                  </div>
                );
              })}
              <Form.Item>
                <Button
                  type="dashed"
                  block
                  icon={<PlusOutlined />}
                  data-testid="charter-add-rule"
                  disabled={fields.length >= LIMITS.rules}
                  onClick={() => add({ code: nextRuleCode(form.getFieldValue('rules') ?? [], publishedCodes), title: '', body: '' })}
                >
                  {t('charter.addRule')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
        <Form.Item
          name="summary"
          label={t('charter.summary')}
          rules={[
            { required: true, whitespace: true, message: t('charter.summaryRequired') },
            {
              validator: (_, v?: string) =>
                lengthCheck(v, LIMITS.summaryMin, LIMITS.summaryMax, t('charter.summaryLength', len(LIMITS.summaryMin, LIMITS.summaryMax))),
            },
          ]}
        >
          <Input.TextArea
            data-testid="charter-summary"
            placeholder={t('charter.summaryPlaceholder')}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={LIMITS.summaryMax}
            showCount
          />
        </Form.Item>
        {error && <Alert data-testid="charter-error" type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" data-testid="charter-publish">
            {t('charter.publish')}
          </Button>
          <Button
            data-testid="charter-reset"
            onClick={() => {
              form.resetFields();
              setError(undefined);
            }}
          >
            {t('charter.reset')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

const len = (min: number, max: number) => ({ min, max });

/** The contract trims before it counts; an empty value is left to the `required` rule. */
function lengthCheck(value: string | undefined, min: number, max: number, messageText: string): Promise<void> {
  const n = value?.trim().length ?? 0;
  return n === 0 || (n >= min && n <= max) ? Promise.resolve() : Promise.reject(new Error(messageText));
}
