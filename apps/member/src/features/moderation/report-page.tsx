import { Button, ErrorBlock, Form, Radio, Result, Space, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { FormFooter } from '../../shared/form-footer';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { useSubmit } from '../../shared/use-submit';
import { NavPage } from '../forum/nav-page';
import { isTargetType, moderationApi } from './moderation-api';

const NOTE_MAX = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Preview = { author?: string; text?: string };

/**
 * 举报 `/community/report?type=&id=`: what is being reported (as the page that sent the member here
 * showed it, or the thread's title), the charter rule it breaks (required, from the version in
 * force), an optional note. A second report of the same thing gets the server's answer.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const location = useLocation();
  const type = params.get('type');
  const id = params.get('id') ?? '';
  const passed = (location.state as { preview?: Preview } | null)?.preview;
  const [done, setDone] = useState(false);
  const rules = useLoad(() => moderationApi.rules());
  const fetched = useLoad(
    async () => (!passed && type === 'thread' && UUID.test(id) ? moderationApi.threadTitle(id).catch(() => undefined) : undefined),
    [type, id],
  );
  const preview = passed ?? fetched.data;

  const { submit, submitting, error } = useSubmit(async (v: { ruleCode: string; note?: string }) => {
    if (!isTargetType(type)) return;
    const note = v.note?.trim();
    await moderationApi.report({ targetType: type, targetId: id, ruleCode: v.ruleCode, ...(note ? { note } : {}) });
    setDone(true);
  });

  if (!isTargetType(type) || !UUID.test(id)) {
    return (
      <NavPage title={t('mod.reportTitle')}>
        <ErrorBlock status="default" title={t('mod.badLink')} description={t('mod.badLinkText')} />
      </NavPage>
    );
  }

  if (done) {
    return (
      <NavPage title={t('mod.reportTitle')}>
        <Result status="success" title={t('mod.reportedTitle')} description={t('mod.reportedText')} data-testid="report-done" />
        <div className="page-body">
          <Button block color="primary" onClick={() => navigate(-1)}>
            {t('mod.backToContent')}
          </Button>
          <Button block fill="none" color="primary" style={{ marginTop: 8 }} onClick={() => navigate('/modlog')}>
            {t('mod.seeModlog')}
          </Button>
        </div>
      </NavPage>
    );
  }

  return (
    <NavPage title={t('mod.reportTitle')}>
      <div className="page-body" style={{ paddingBottom: 0 }}>
        <div className="card report-target" data-testid="report-target">
          <div className="modlog-label">{t('mod.reporting', { type: t(`mod.target.${type}`) })}</div>
          {preview?.text ? (
            <blockquote className="modlog-excerpt" data-testid="report-preview">
              {preview.author && <b>{preview.author}：</b>}
              {preview.text}
            </blockquote>
          ) : (
            <p className="muted">{t('mod.noPreview')}</p>
          )}
        </div>
      </div>
      {!rules.data ? (
        <div className="page-body">
          <LoadState loading={rules.loading} error={rules.error} onRetry={rules.reload} />
        </div>
      ) : (
        <Form
          layout="vertical"
          onFinish={(v) => void submit(v)}
          footer={<FormFooter label={t('mod.submitReport')} submitting={submitting} error={error} />}
          data-testid="report-form"
        >
          <Form.Item
            name="ruleCode"
            label={t('mod.pickRule')}
            description={
              <>
                {t('mod.pickRuleHelp')} <Link to="/charter">{t('mod.readCharter')}</Link>
              </>
            }
            rules={[{ required: true, message: t('mod.ruleRequired') }]}
          >
            <Radio.Group>
              <Space direction="vertical" block className="rule-options">
                {rules.data.map((r) => (
                  <Radio key={r.code} value={r.code} data-testid={`rule-${r.code}`}>
                    <span className="rule-option">
                      <b>
                        {r.code} {r.title}
                      </b>
                      <span className="rule-option-body">{r.body}</span>
                    </span>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('mod.note')}>
            <TextArea
              placeholder={t('mod.notePlaceholder')}
              maxLength={NOTE_MAX}
              showCount
              autoSize={{ minRows: 3, maxRows: 6 }}
              data-testid="report-note"
            />
          </Form.Item>
        </Form>
      )}
      <p className="hint report-fair">{t('mod.reportFair')}</p>
    </NavPage>
  );
}
