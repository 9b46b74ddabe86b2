import { Button, ErrorBlock, Form, Result, TextArea } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FormFooter } from '../../shared/form-footer';
import { LoadState } from '../../shared/load-state';
import { useLoad } from '../../shared/use-load';
import { useSubmit } from '../../shared/use-submit';
import { NavPage } from '../forum/nav-page';
import { moderationApi, type MyModerationEntry } from './moderation-api';
import { MyActionCard } from './my-action';

const REASON_MAX = 1000;
/** Pages of my moderation history searched for the action a notice links to. */
const SEARCH_PAGES = 10;

async function findMyAction(actionId: string): Promise<MyModerationEntry | null> {
  let cursor: string | null = null;
  for (let i = 0; i < SEARCH_PAGES; i++) {
    const page: { items: MyModerationEntry[]; nextCursor: string | null } = await moderationApi.myModeration(cursor);
    const found = page.items.find((e) => e.id === actionId);
    if (found) return found;
    if (!page.nextCursor) return null;
    cursor = page.nextCursor;
  }
  return null;
}

/**
 * 申诉 `/community/appeals/new?action=` (the link every moderation notice carries): the action with
 * the rule it cited and my content, why I disagree, submit. Another operator than the one who acted
 * decides; the outcome is published in the log.
 */
export function AppealPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const actionId = params.get('action') ?? '';
  const [done, setDone] = useState(false);
  const action = useLoad(() => findMyAction(actionId), [actionId]);
  const { submit, submitting, error } = useSubmit(async (v: { reason: string }) => {
    await moderationApi.appeal({ actionId, reason: v.reason.trim() });
    setDone(true);
  });

  if (done) {
    return (
      <NavPage title={t('mod.appealTitle')} back="/community/appeals">
        <Result status="success" title={t('mod.appealedTitle')} description={t('mod.appealedText')} data-testid="appeal-done" />
        <div className="page-body">
          <Button block color="primary" onClick={() => navigate('/community/appeals', { replace: true })}>
            {t('mod.myAppeals')}
          </Button>
        </div>
      </NavPage>
    );
  }

  const entry = action.data;
  return (
    <NavPage title={t('mod.appealTitle')} back="/community/appeals">
      <div className="page-body" style={{ paddingBottom: 0 }}>
        {entry === undefined ? (
          <LoadState loading={action.loading} error={action.error} onRetry={action.reload} />
        ) : entry === null ? (
          <ErrorBlock status="empty" title={t('mod.actionNotFound')} description={t('mod.actionNotFoundText')} />
        ) : (
          <MyActionCard entry={entry} showAppealButton={false} />
        )}
      </div>
      {entry && entry.appealable && !entry.appeal && (
        <Form
          layout="vertical"
          onFinish={(v) => void submit(v)}
          footer={<FormFooter label={t('mod.submitAppeal')} submitting={submitting} error={error} />}
          data-testid="appeal-form"
        >
          <Form.Item
            name="reason"
            label={t('mod.appealReason')}
            description={t('mod.appealHelp')}
            rules={[{ required: true, whitespace: true, message: t('mod.appealReasonRequired') }]}
          >
            <TextArea
              placeholder={t('mod.appealPlaceholder')}
              maxLength={REASON_MAX}
              showCount
              autoSize={{ minRows: 5, maxRows: 10 }}
              data-testid="appeal-reason"
            />
          </Form.Item>
        </Form>
      )}
    </NavPage>
  );
}
