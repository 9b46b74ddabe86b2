import { describe, expect, it } from 'vitest';
import {
  inlineNodes,
  mentionsOf,
  parseMarkdown,
  plainText,
  safeHref,
  topicsOf,
  type MarkdownBlock,
  type MarkdownInline,
} from './markdown.js';

const inlineOf = (source: string): MarkdownInline[] => {
  const [block] = parseMarkdown(source);
  if (block?.type !== 'paragraph') throw new Error(`expected one paragraph, got ${JSON.stringify(block)}`);
  return block.children;
};
const hrefs = (blocks: MarkdownBlock[]) => inlineNodes(blocks).flatMap((n) => (n.type === 'link' ? [n.href] : []));

/**
 * What a React renderer would do with the tree: text escaped, links as <a href>. The XSS tests
 * assert on this string, so "no script" means no markup except what the renderer itself emits.
 */
function render(blocks: readonly MarkdownBlock[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const inline = (nodes: readonly MarkdownInline[]): string =>
    nodes
      .map((n) => {
        switch (n.type) {
          case 'text':
            return esc(n.text);
          case 'strong':
            return `<strong>${inline(n.children)}</strong>`;
          case 'em':
            return `<em>${inline(n.children)}</em>`;
          case 'code':
            return `<code>${esc(n.text)}</code>`;
          case 'link':
            return `<a href="${esc(n.href)}">${inline(n.children)}</a>`;
          case 'topic':
            return `<topic>${esc(n.name)}</topic>`;
          case 'mention':
            return `<mention>${esc(n.nickname)}</mention>`;
          case 'break':
            return '<br>';
        }
      })
      .join('');
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
          return `<p>${inline(b.children)}</p>`;
        case 'code_block':
          return `<pre>${esc(b.text)}</pre>`;
        case 'quote':
          return `<blockquote>${render(b.children)}</blockquote>`;
        case 'list':
          return `<${b.ordered ? 'ol' : 'ul'}>${b.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${b.ordered ? 'ol' : 'ul'}>`;
      }
    })
    .join('');
}
/** The only tags a rendering may contain are the renderer's own, with no attribute but an http(s) href. */
function assertInert(source: string) {
  const blocks = parseMarkdown(source);
  const html = render(blocks);
  for (const tag of html.match(/<[^>]*>/g) ?? [])
    expect(tag).toMatch(/^<\/?(p|br|strong|em|code|pre|blockquote|ul|ol|li|topic|mention|a)( href="https?:\/\/[^"\s]*")?>$/);
  for (const href of hrefs(blocks)) expect(href).toMatch(/^https?:\/\//);
  return { blocks, html };
}

describe('markdown subset: structure', () => {
  it('parses paragraphs, breaks, bold, italic and inline code', () => {
    expect(parseMarkdown('第一段\n第二行\n\n第二段')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '第一段' }, { type: 'break' }, { type: 'text', text: '第二行' }] },
      { type: 'paragraph', children: [{ type: 'text', text: '第二段' }] },
    ]);
    expect(inlineOf('收益**稳定**但*有风险*，见 `T+1`')).toEqual([
      { type: 'text', text: '收益' },
      { type: 'strong', children: [{ type: 'text', text: '稳定' }] },
      { type: 'text', text: '但' },
      { type: 'em', children: [{ type: 'text', text: '有风险' }] },
      { type: 'text', text: '，见 ' },
      { type: 'code', text: 'T+1' },
    ]);
    expect(inlineOf('**粗体里*斜体***')).toEqual([
      {
        type: 'strong',
        children: [
          { type: 'text', text: '粗体里' },
          { type: 'em', children: [{ type: 'text', text: '斜体' }] },
        ],
      },
    ]);
    // Unclosed or spaced markers stay as typed.
    expect(plainText(parseMarkdown('2 * 3 * 4 = 24，**没闭合'))).toBe('2 * 3 * 4 = 24，**没闭合');
    expect(plainText(parseMarkdown('\\*不是斜体\\* \\#不是话题\\#'))).toBe('*不是斜体* #不是话题#');
  });

  it('parses fenced code, quotes and lists', () => {
    expect(parseMarkdown('```ts\nconst a = "<b>";\n\n**x**\n```\n后文')).toEqual([
      { type: 'code_block', lang: 'ts', text: 'const a = "<b>";\n\n**x**' },
      { type: 'paragraph', children: [{ type: 'text', text: '后文' }] },
    ]);
    expect(parseMarkdown('> 引用**一**\n> 第二行\n\n正文')).toEqual([
      {
        type: 'quote',
        children: [
          {
            type: 'paragraph',
            children: [
              { type: 'text', text: '引用' },
              { type: 'strong', children: [{ type: 'text', text: '一' }] },
              { type: 'break' },
              { type: 'text', text: '第二行' },
            ],
          },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: '正文' }] },
    ]);
    expect(parseMarkdown('风险：\n- 本金\n- 流动性\n  续行\n\n3. 三\n4. 四')).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: '风险：' }] },
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [[{ type: 'text', text: '本金' }], [{ type: 'text', text: '流动性' }, { type: 'break' }, { type: 'text', text: '续行' }]],
      },
      { type: 'list', ordered: true, start: 3, items: [[{ type: 'text', text: '三' }], [{ type: 'text', text: '四' }]] },
    ]);
    // Headings, tables and images are not in the subset: they stay text.
    expect(plainText(parseMarkdown('# 标题\n| a | b |'))).toBe('# 标题\n| a | b |');
  });

  it('finds #话题# topics and @mentions, but not inside code, links or e-mail addresses', () => {
    const blocks = parseMarkdown(
      '#新手问答# 请@稳健的林晓 看看 #理财# 和 `#代码#`，[#链接# @x](https://a.example) 写信 a@b.com #新手问答#',
    );
    expect(topicsOf(blocks)).toEqual(['新手问答', '理财']);
    expect(mentionsOf(blocks)).toEqual(['稳健的林晓']);
    expect(topicsOf(parseMarkdown('# 不是话题 # 也不是#'))).toEqual([]);
    expect(topicsOf(parseMarkdown(`#${'长'.repeat(21)}#`))).toEqual([]);
  });

  it('links http(s) URLs, in [text](url) form and bare, and trims sentence punctuation', () => {
    expect(inlineOf('看[公告](https://quanzi.example/a_(1)?x=1&y=2)了')).toEqual([
      { type: 'text', text: '看' },
      { type: 'link', href: 'https://quanzi.example/a_(1)?x=1&y=2', children: [{ type: 'text', text: '公告' }] },
      { type: 'text', text: '了' },
    ]);
    expect(inlineOf('详见https://quanzi.example/faq。')).toEqual([
      { type: 'text', text: '详见' },
      { type: 'link', href: 'https://quanzi.example/faq', children: [{ type: 'text', text: 'https://quanzi.example/faq' }] },
      { type: 'text', text: '。' },
    ]);
    expect(hrefs(parseMarkdown('(see http://a.example/x).'))).toEqual(['http://a.example/x']);
  });
});

describe('markdown subset: XSS payloads render as text', () => {
  it('raw HTML, script, onerror and SVG are text', () => {
    for (const payload of [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<svg/onload=alert(1)>',
      '<svg><script>alert(1)</script></svg>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<a href="javascript:alert(1)">x</a>',
      '"><img src=x onerror=alert(document.cookie)>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    ]) {
      const { blocks, html } = assertInert(payload);
      expect(plainText(blocks)).toBe(payload);
      expect(hrefs(blocks)).toEqual([]);
      expect(html).toContain('&lt;');
    }
  });

  it('script-bearing link schemes become the text that was typed', () => {
    for (const payload of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x]( javascript:alert(1))',
      '[x](javascript&#58;alert(1))',
      '[x](jav&#x61;script:alert(1))',
      '[x](java\nscript:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x](\u0001javascript:alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](vbscript:msgbox(1))',
      '[x](//evil.example/x)',
      '[x](/relative/path)',
      '[x](https:javascript:alert(1))',
      '[x](https://bank.example@evil.example/)',
      '[x](https://evil.example/"onmouseover="alert(1))',
      '[x](http://)',
      '<javascript:alert(1)>',
      '<https://evil.example/x>',
      'javascript:alert(1)',
      '![x](javascript:alert(1))',
    ]) {
      const { blocks, html } = assertInert(payload);
      expect(html).not.toMatch(/href="(?!https?:\/\/)/);
      expect(hrefs(blocks).every((h) => !/javascript|data:|vbscript/i.test(h))).toBe(true);
      // Refused link syntax is shown as typed, not swallowed.
      if (payload.startsWith('[x]')) expect(plainText(blocks)).toBe(payload);
    }
    expect(plainText(parseMarkdown('[x](javascript:alert(1))'))).toBe('[x](javascript:alert(1))');
    expect(hrefs(parseMarkdown('<https://evil.example/x>'))).toEqual(['https://evil.example/x']);
  });

  it('safeHref accepts absolute http(s) only', () => {
    expect(safeHref('https://quanzi.example/a?b=1#c')).toBe('https://quanzi.example/a?b=1#c');
    expect(safeHref(' HTTP://Quanzi.Example ')).toBe('http://quanzi.example/');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:x',
      ' javascript:x',
      'jav\tascript:x',
      'ftp://a.example',
      'https://',
      'https://a b.example',
      'mailto:a@b.example',
    ])
      expect(safeHref(bad)).toBeNull();
  });

  it('markup inside a link text cannot smuggle another link or tag', () => {
    const { blocks } = assertInert('[<img src=x onerror=alert(1)> [y](javascript:1)](https://a.example)');
    expect(hrefs(blocks).every((h) => h.startsWith('https://'))).toBe(true);
    assertInert('**<script>alert(1)</script>** *<svg onload=alert(1)>* `<script>` > <b>');
    assertInert('```html\n<script>alert(1)</script>\n```');
  });
});

describe('markdown subset: bounded work', () => {
  it('parses pathological input quickly', () => {
    // Three times the API's 10,000-character limit: a quadratic parser takes seconds here.
    const evils = [
      '*a '.repeat(10_000),
      '**a '.repeat(7500),
      '['.repeat(30_000),
      '[a]('.repeat(7500),
      '`'.repeat(30_000),
      '`a``'.repeat(7500),
      '> '.repeat(15_000),
      '- '.repeat(15_000),
      '#@'.repeat(15_000),
    ];
    for (const evil of evils) {
      const started = performance.now();
      parseMarkdown(evil);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
