import { Button, Form, Input, Modal, Radio, Space, message } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from './api';
import { useIdempotencyKey } from './use-idempotency-key';

export interface ActionValues<C extends string> {
  choice: C | undefined;
  note: string;
}

interface Props<C extends string> {
  open: boolean;
  title: ReactNode;
  /** What the action is about (amount, card…), shown above the form. */
  summary?: ReactNode;
  /** A required choice shown as radio buttons, e.g. how a difference was resolved. */
  choices?: { label: string; options: Array<{ value: C; label: ReactNode; disabled?: boolean }> };
  noteLabel?: string;
  /** The message when the note is left empty, when the note is a reason rather than a remark. */
  noteRequired?: string;
  okText: string;
  danger?: boolean;
  /** Stable ids for tests: `<prefix>-note`, `<prefix>-confirm`, `<prefix>-cancel`, `<prefix>-choice-<value>`. */
  testIdPrefix: string;
  /**
   * Performs the action with the key of this attempt (the same key on a retry of the same request).
   * A thrown error is shown and keeps the modal open, so the operator can retry.
   */
  onSubmit(values: ActionValues<C>, idempotencyKey: string): Promise<void>;
  /** The target changed under us (404/409): the page reloads its list. */
  onStale?(): void;
  onClose(): void;
}

/** A confirmation with a required note (and optionally a required choice), for every finance write. */
export function ActionModal<C extends string = never>(props: Props<C>) {
  const { open, title, summary, choices, noteLabel, noteRequired, okText, danger, testIdPrefix, onSubmit, onStale, onClose } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<{ choice?: C; note: string }>();
  const [busy, setBusy] = useState(false);
  const { keyFor, reset } = useIdempotencyKey();
  // Opening the modal starts a new action: a new key. Retries while it stays open reuse it.
  useEffect(() => {
    if (open) reset();
  }, [open, reset]);

  const submit = async (values: { choice?: C; note: string }) => {
    const request: ActionValues<C> = { choice: values.choice, note: values.note.trim() };
    const key = keyFor(request);
    setBusy(true);
    try {
      await onSubmit(request, key);
    } catch (err) {
      void message.error(errorMessage(err));
      if (err instanceof ApiError && (err.status === 404 || err.status === 409)) onStale?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={() => !busy && onClose()}
      maskClosable={!busy}
      destroyOnHidden
      footer={
        <Space>
          <Button data-testid={`${testIdPrefix}-cancel`} disabled={busy} onClick={onClose}>
            {t('finance.cancel')}
          </Button>
          <Button data-testid={`${testIdPrefix}-confirm`} type="primary" danger={danger} loading={busy} onClick={() => form.submit()}>
            {okText}
          </Button>
        </Space>
      }
    >
      {summary}
      <Form form={form} layout="vertical" onFinish={submit} disabled={busy} style={{ marginTop: summary ? 16 : 0 }}>
        {choices && (
          <Form.Item name="choice" label={choices.label} rules={[{ required: true, message: t('finance.choiceRequired') }]}>
            <Radio.Group>
              <Space direction="vertical">
                {choices.options.map((o) => (
                  <Radio key={o.value} value={o.value} disabled={o.disabled} data-testid={`${testIdPrefix}-choice-${o.value}`}>
                    {o.label}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={noteLabel ?? t('finance.note')}
          rules={[
            { required: true, whitespace: true, message: noteRequired ?? t('finance.noteRequired') },
            { max: 200, message: t('finance.noteTooLong') },
          ]}
        >
          <Input.TextArea
            data-testid={`${testIdPrefix}-note`}
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('finance.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** What a modal was opened for, kept while it closes, so its title and summary do not change during the fade-out. */
export function useLastOpened<T>(current: T | null): T | null {
  const last = useRef(current);
  if (current !== null) last.current = current;
  return current ?? last.current;
}
