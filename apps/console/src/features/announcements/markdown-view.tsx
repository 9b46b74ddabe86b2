import { parseMarkdown, type MarkdownBlock, type MarkdownInline } from '@quanzi/web-kit';
import { Typography } from 'antd';
import { Fragment, useMemo, type ReactNode } from 'react';

/**
 * The forum's Markdown subset as members will see it, built from web-kit's tree with React
 * elements: every string is a text node and links are only the http(s) hrefs the parser allowed.
 */
export function MarkdownView({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div>{blocks.map((b, i) => block(b, i))}</div>;
}

function block(b: MarkdownBlock, key: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return (
        <Typography.Paragraph key={key} style={{ marginBottom: 8 }}>
          {inlines(b.children)}
        </Typography.Paragraph>
      );
    case 'code_block':
      return (
        <pre key={key} className="json">
          {b.text}
        </pre>
      );
    case 'quote':
      return (
        <blockquote key={key} style={{ borderLeft: '3px solid #d9d9d9', margin: '0 0 8px', padding: '0 0 0 12px', color: '#595959' }}>
          {b.children.map((c, i) => block(c, i))}
        </blockquote>
      );
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
      return b.ordered ? (
        <ol key={key} start={b.start} style={{ marginBottom: 8 }}>
          {items}
        </ol>
      ) : (
        <ul key={key} style={{ marginBottom: 8 }}>
          {items}
        </ul>
      );
    }
  }
}

function inlines(nodes: readonly MarkdownInline[]): ReactNode {
  return nodes.map((n, i) => <Fragment key={i}>{inline(n)}</Fragment>);
}

function inline(n: MarkdownInline): ReactNode {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'strong':
      return <strong>{inlines(n.children)}</strong>;
    case 'em':
      return <em>{inlines(n.children)}</em>;
    case 'code':
      return <Typography.Text code>{n.text}</Typography.Text>;
    case 'link':
      return (
        <a href={n.href} target="_blank" rel="noopener noreferrer nofollow">
          {inlines(n.children)}
        </a>
      );
    case 'topic':
      return <Typography.Text style={{ color: '#1677ff' }}>#{n.name}#</Typography.Text>;
    case 'mention':
      return <Typography.Text style={{ color: '#1677ff' }}>@{n.nickname}</Typography.Text>;
    case 'break':
      return <br />;
  }
}
