import { FORUM_BODY_MAX_CHARS, THREAD_PRODUCT_TAGS_MAX, THREAD_TITLE_MAX_CHARS, THREAD_TITLE_MIN_CHARS } from '@quanzi/contracts';
import { newIdempotencyKey, parseMarkdown, topicsOf } from '@quanzi/web-kit';
import { Button, Form, Input, Segmented, Tag, TextArea } from 'antd-mobile';
import { AddOutline } from 'antd-mobile-icons';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { FormFooter } from '../../shared/form-footer';
import { useLoad } from '../../shared/use-load';
import { useSubmit } from '../../shared/use-submit';
import { forumApi, threadPath, type ThreadKind } from './forum-api';
import { MarkdownHint } from './markdown-hint';
import { MarkdownView } from './markdown-view';
import { NavPage } from './nav-page';
import { ProductPicker, type PickedProduct } from './product-picker';

/**
 * 发帖 `/community/threads/new?groupId=` and 提问 `/community/questions/new?groupId=`: a title, the
 * Markdown body (with a short syntax hint and a preview), #话题# from the week's hot topics or typed,
 * and up to five product tags. A post the word filter holds opens as 待审核 for its author.
 */
export function NewThreadPage({ kind }: { kind: Exclude<ThreadKind, 'live_recap'> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const groupId = params.get('groupId') ?? undefined;
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [body, setBody] = useState('');
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [products, setProducts] = useState<PickedProduct[]>([]);
  const [picking, setPicking] = useState(false);
  // One key per attempt: a retry after a timeout is stored once; a refused attempt gets a new key.
  const key = useRef(newIdempotencyKey());
  const hot = useLoad(() => forumApi.hotTopics());
  const question = kind === 'question';

  const { submit, submitting, error } = useSubmit(async (values: { title: string; body: string }) => {
    try {
      const created = await forumApi.create(
        { title: values.title.trim(), body: values.body, kind, productIds: products.map((p) => p.id), ...(groupId ? { groupId } : {}) },
        key.current,
      );
      navigate(threadPath(created.id), { replace: true });
    } catch (err) {
      key.current = newIdempotencyKey();
      throw err;
    }
  });

  const typedTopics = topicsOf(parseMarkdown(body));
  const addTopic = (topic: string) => {
    if (typedTopics.includes(topic)) return;
    const next = `${body}${body && !/\s$/.test(body) ? ' ' : ''}#${topic}# `;
    setBody(next);
    form.setFieldValue('body', next);
  };

  return (
    <NavPage title={question ? t('forum.qa.askTitle') : groupId ? t('forum.newInGroup') : t('forum.newThread')}>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={(_, all) => setBody(all.body ?? '')}
        footer={<FormFooter label={question ? t('forum.qa.submit') : t('forum.publish')} submitting={submitting} error={error} />}
        data-testid="new-thread-form"
      >
        <Form.Item
          name="title"
          label={question ? t('forum.qa.questionTitle') : t('forum.title')}
          rules={[
            { required: true, message: t('forum.titleRequired') },
            {
              min: THREAD_TITLE_MIN_CHARS,
              max: THREAD_TITLE_MAX_CHARS,
              message: t('forum.titleLength', { min: THREAD_TITLE_MIN_CHARS, max: THREAD_TITLE_MAX_CHARS }),
            },
          ]}
        >
          <Input
            placeholder={question ? t('forum.qa.titlePlaceholder') : t('forum.titlePlaceholder')}
            maxLength={THREAD_TITLE_MAX_CHARS}
            clearable
            data-testid="thread-title-input"
          />
        </Form.Item>
        <Form.Item
          label={
            <div className="forum-body-label">
              <span>{question ? t('forum.qa.detailLabel') : t('forum.body')}</span>
              <Segmented
                value={mode}
                onChange={(v) => setMode(v as 'edit' | 'preview')}
                options={[
                  { label: t('forum.edit'), value: 'edit' },
                  { label: t('forum.preview'), value: 'preview' },
                ]}
              />
            </div>
          }
        >
          {/* The field stays mounted in preview mode so its value and rules are kept. */}
          <div style={{ display: mode === 'edit' ? undefined : 'none' }}>
            <Form.Item
              name="body"
              noStyle
              rules={[{ required: true, whitespace: true, message: question ? t('forum.qa.bodyRequired') : t('forum.bodyRequired') }]}
            >
              <TextArea
                placeholder={question ? t('forum.qa.bodyPlaceholder') : t('forum.bodyPlaceholder')}
                autoSize={{ minRows: 8, maxRows: 20 }}
                maxLength={FORUM_BODY_MAX_CHARS}
                showCount
                data-testid="thread-body-input"
              />
            </Form.Item>
          </div>
          {mode === 'preview' &&
            (body.trim() ? (
              <MarkdownView source={body} className="forum-preview" testId="thread-preview" />
            ) : (
              <p className="muted">{t('forum.previewEmpty')}</p>
            ))}
          <MarkdownHint />
        </Form.Item>
        <Form.Item label={t('forum.topics')} description={t('forum.topicHint')}>
          <div className="forum-topic-picks" data-testid="topic-picks">
            {typedTopics.map((topic) => (
              <Tag key={`typed-${topic}`} color="primary" className="forum-badge">
                #{topic}#
              </Tag>
            ))}
            {(hot.data?.items ?? [])
              .filter((i) => !typedTopics.includes(i.topic))
              .slice(0, 10)
              .map((i) => (
                <button key={i.topic} type="button" className="forum-topic" onClick={() => addTopic(i.topic)}>
                  #{i.topic}#
                </button>
              ))}
          </div>
        </Form.Item>
        <Form.Item label={t('forum.product.tags', { max: THREAD_PRODUCT_TAGS_MAX })}>
          <div className="forum-topic-picks" data-testid="product-picks">
            {products.map((p) => (
              <Tag key={p.id} color="primary" fill="outline" className="forum-badge">
                {p.name}
              </Tag>
            ))}
            <Button size="mini" onClick={() => setPicking(true)} data-testid="product-pick-open">
              <AddOutline /> {products.length ? t('forum.product.change') : t('forum.product.add')}
            </Button>
          </div>
        </Form.Item>
      </Form>
      <ProductPicker visible={picking} value={products} onClose={() => setPicking(false)} onChange={setProducts} />
    </NavPage>
  );
}
