import { safeHref, type MarkdownBlock, type MarkdownInline } from '@quanzi/web-kit';
import { createElement, Fragment, type ReactNode } from 'react';

/** Every link a member wrote opens outside the app, tells the target nothing, and passes no ranking. */
export const LINK_REL = 'noopener noreferrer nofollow';

export interface MarkdownRenderOptions {
  /** How a #话题# shows (the app makes it a link to the topic's threads); plain text by default. */
  topic?: (name: string, key: string) => ReactNode;
  /** How an @昵称 shows; highlighted text by default. */
  mention?: (nickname: string, key: string) => ReactNode;
}

/**
 * The forum's Markdown tree (web-kit `parseMarkdown`) as React elements. Every string lands in a
 * text node, so React escapes it; the only attribute taken from member text is a link's href, and
 * that only when `safeHref` accepts it again here (the tree is trusted to be parsed, not to be
 * unmodified). Nothing is ever set as HTML.
 */
export function renderMarkdown(blocks: readonly MarkdownBlock[], options: MarkdownRenderOptions = {}): ReactNode[] {
  return blocks.map((block, i) => renderBlock(block, `b${i}`, options));
}

function renderBlock(block: MarkdownBlock, key: string, options: MarkdownRenderOptions): ReactNode {
  switch (block.type) {
    case 'paragraph':
      return createElement('p', { key, className: 'md-p' }, renderInline(block.children, key, options));
    case 'code_block':
      return createElement('pre', { key, className: 'md-pre' }, createElement('code', null, block.text));
    case 'quote':
      return createElement('blockquote', { key, className: 'md-quote' }, renderMarkdownKeyed(block.children, key, options));
    case 'list':
      return createElement(
        block.ordered ? 'ol' : 'ul',
        { key, className: 'md-list', ...(block.ordered && block.start !== 1 ? { start: block.start } : {}) },
        block.items.map((item, i) => createElement('li', { key: `${key}i${i}` }, renderInline(item, `${key}i${i}`, options))),
      );
  }
}

function renderMarkdownKeyed(blocks: readonly MarkdownBlock[], prefix: string, options: MarkdownRenderOptions): ReactNode[] {
  return blocks.map((block, i) => renderBlock(block, `${prefix}.${i}`, options));
}

function renderInline(nodes: readonly MarkdownInline[], prefix: string, options: MarkdownRenderOptions): ReactNode[] {
  return nodes.map((node, i) => {
    const key = `${prefix}n${i}`;
    switch (node.type) {
      case 'text':
        return createElement(Fragment, { key }, node.text);
      case 'strong':
        return createElement('strong', { key }, renderInline(node.children, key, options));
      case 'em':
        return createElement('em', { key }, renderInline(node.children, key, options));
      case 'code':
        return createElement('code', { key, className: 'md-code' }, node.text);
      case 'break':
        return createElement('br', { key });
      case 'topic':
        return options.topic
          ? createElement(Fragment, { key }, options.topic(node.name, key))
          : createElement(Fragment, { key }, `#${node.name}#`);
      case 'mention':
        return options.mention
          ? createElement(Fragment, { key }, options.mention(node.nickname, key))
          : createElement('span', { key, className: 'md-mention' }, `@${node.nickname}`);
      case 'link': {
        const href = safeHref(node.href);
        const children = renderInline(node.children, key, options);
        // A tree that was tampered with still cannot produce a script link: the text stays, the link goes.
        if (!href) return createElement(Fragment, { key }, children);
        return createElement('a', { key, href, rel: LINK_REL, target: '_blank', className: 'md-link' }, children);
      }
    }
  });
}
