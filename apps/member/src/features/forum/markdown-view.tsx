import { parseMarkdown } from '@quanzi/web-kit';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { query } from './forum-api';
import { renderMarkdown } from './markdown-render';

/** A thread's or reply's body: the Markdown subset as React elements; #话题# open the square filtered by topic. */
export function MarkdownView({ source, className, testId }: { source: string; className?: string; testId?: string }) {
  const content = useMemo(
    () =>
      renderMarkdown(parseMarkdown(source), {
        topic: (name) => (
          <Link to={`/community/threads${query({ topic: name })}`} className="md-topic" onClick={(e) => e.stopPropagation()}>
            #{name}#
          </Link>
        ),
      }),
    [source],
  );
  return (
    <div className={`md ${className ?? ''}`} data-testid={testId}>
      {content}
    </div>
  );
}
