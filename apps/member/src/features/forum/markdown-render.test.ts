import { parseMarkdown, type MarkdownBlock } from '@quanzi/web-kit';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LINK_REL, renderMarkdown, type MarkdownRenderOptions } from './markdown-render';

const html = (source: string, options?: MarkdownRenderOptions) =>
  renderToStaticMarkup(createElement('div', null, renderMarkdown(parseMarkdown(source), options)));
const htmlOf = (blocks: MarkdownBlock[]) => renderToStaticMarkup(createElement('div', null, renderMarkdown(blocks)));

describe('renderMarkdown', () => {
  it('maps each block to its element', () => {
    expect(html('第一段\n第二行')).toBe('<div><p class="md-p">第一段<br/>第二行</p></div>');
    expect(html('**粗** *斜* `码`')).toBe('<div><p class="md-p"><strong>粗</strong> <em>斜</em> <code class="md-code">码</code></p></div>');
    expect(html('> 引用')).toBe('<div><blockquote class="md-quote"><p class="md-p">引用</p></blockquote></div>');
    expect(html('- 甲\n- 乙')).toBe('<div><ul class="md-list"><li>甲</li><li>乙</li></ul></div>');
    expect(html('3. 丙\n4. 丁')).toBe('<div><ol class="md-list" start="3"><li>丙</li><li>丁</li></ol></div>');
    expect(html('```js\nlet a = "<b>";\n```')).toBe('<div><pre class="md-pre"><code>let a = &quot;&lt;b&gt;&quot;;</code></pre></div>');
  });

  it('opens links outside the app with noopener noreferrer nofollow', () => {
    expect(html('[官网](https://example.com/a)')).toBe(
      `<div><p class="md-p"><a href="https://example.com/a" rel="${LINK_REL}" target="_blank" class="md-link">官网</a></p></div>`,
    );
    expect(html('见 https://example.com/x。')).toContain('<a href="https://example.com/x" rel="noopener noreferrer nofollow"');
  });

  it('keeps script, HTML and unsafe links as text', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)> [点我](javascript:alert(1)) <svg onload=alert(1)>');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<svg');
    expect(out).not.toContain('href');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('[点我](javascript:alert(1))');
    expect(html('[x](https://bank.com@evil.example)')).not.toContain('href');
    expect(html('[x](data:text/html;base64,PHNjcmlwdD4=)')).not.toContain('href');
  });

  it('drops the href of a tampered tree but keeps its text', () => {
    const tampered: MarkdownBlock[] = [
      { type: 'paragraph', children: [{ type: 'link', href: 'javascript:alert(1)', children: [{ type: 'text', text: '点我' }] }] },
    ];
    expect(htmlOf(tampered)).toBe('<div><p class="md-p">点我</p></div>');
  });

  it('shows topics and mentions through the options, as text by default', () => {
    expect(html('聊聊 #体验金# @林晓')).toBe('<div><p class="md-p">聊聊 #体验金# <span class="md-mention">@林晓</span></p></div>');
    const custom = html('#体验金#', { topic: (name) => createElement('i', null, name) });
    expect(custom).toBe('<div><p class="md-p"><i>体验金</i></p></div>');
  });
});
