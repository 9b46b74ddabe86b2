import crypto from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { transact } from '../../platform/db/transact.js';
import { call } from '../../../test/harness.js';
import { freshPhone, registerMember, useDemoSystem } from '../../../test/flows.js';
import { cronJobs } from '../../app/modules.js';
import type { SearchDocument } from './index.js';
import { reindexStale } from './reindex.js';
import { documentVector } from './tsvector.js';

const env = useDemoSystem();
const search = () => env.sys.modules.search;
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(env.sys.clock.now().getTime() - n * DAY);

let seq = 0;
const doc = (body: string, extra: Partial<SearchDocument> = {}): SearchDocument => {
  const id = extra.id ?? `doc-${++seq}`;
  return {
    kind: 'thread',
    id,
    scope: 'public',
    title: null,
    body,
    authorId: null,
    link: `/threads/${id}`,
    createdAt: daysAgo(1),
    ...extra,
  };
};
// The demo square posts share the 'public' scope: results are read for this file's documents only.
const mine = new Set<string>();
const index = (...docs: SearchDocument[]) =>
  transact(env.sys.platform.db, async (trx) => {
    for (const d of docs) {
      mine.add(d.id);
      await search().index(trx, d);
    }
  });
const find = (q: string, scopes: string[] = ['public'], extra: { kinds?: SearchDocument['kind'][]; limit?: number } = {}) =>
  search().query({ q, scopes, limit: extra.limit ?? 50, kinds: extra.kinds });
const ids = async (q: string, scopes?: string[], extra?: { kinds?: SearchDocument['kind'][] }) =>
  (await find(q, scopes, extra)).items.map((h) => h.id).filter((id) => mine.has(id));
const group = () => `group:${crypto.randomUUID()}`;

describe('search recall on a fixed finance corpus', () => {
  const corpus: Record<string, string> = {
    stable: '这款理财产品收益稳定吗',
    trial: '新手体验金怎么领取？到账后多久起息',
    trialApart: '体验不错，送了金',
    coupon: '加息券可以和体验金叠加使用吗',
    couponApart: '银行加息了，券还能用吗',
    farmers: '羊毛党把新手福利都薅走了',
    farmersApart: '他是党的人，家里卖羊毛',
    yield: '货币基金的七日年化和万份收益有什么区别',
    benchmark: '业绩比较基准不代表未来表现，请理性投资',
    terms: '活期随时赎回，定期到期后自动回款',
    suitability: '购买前需要完成风险测评',
    offPlatform: '有人让我加微信私下转账，是骗子吧',
    custody: '资金由银行存管，出借人和借款人信息透明',
    overdue: '借款人逾期了怎么办',
    live: '今晚八点直播讲解理财知识',
    hike: '周末去爬山，天气很好',
  };
  beforeAll(() => index(...Object.entries(corpus).map(([key, body]) => doc(body, { id: `c-${key}` }))));

  it('理财 finds 这款理财产品收益稳定吗, and a question phrased with particles finds it too', async () => {
    const found = await ids('理财');
    expect(found).toEqual(expect.arrayContaining(['c-stable', 'c-live']));
    expect(found).not.toContain('c-hike');
    expect(await ids('理财产品的收益稳定吗')).toEqual(['c-stable']);
  });

  it('finance dictionary words match only where they are written together', async () => {
    expect(await ids('体验金')).toEqual(expect.arrayContaining(['c-trial', 'c-coupon']));
    expect(await ids('体验金')).not.toContain('c-trialApart');
    // The split document does contain both halves: only the dictionary word keeps it out.
    expect(await ids('体验 金')).toContain('c-trialApart');
    expect(await ids('加息券')).toEqual(['c-coupon']);
    expect(await ids('加息 券')).toContain('c-couponApart');
    expect(await ids('羊毛党')).toEqual(['c-farmers']);
    expect(await ids('羊毛 党')).toContain('c-farmersApart');
  });

  it('finds the other domain terms', async () => {
    expect(await ids('七日年化')).toEqual(['c-yield']);
    expect(await ids('万份收益')).toEqual(['c-yield']);
    expect(await ids('业绩比较基准')).toEqual(['c-benchmark']);
    expect(await ids('风险测评')).toEqual(['c-suitability']);
    expect(await ids('加微信')).toEqual(['c-offPlatform']);
    expect((await ids('借款人')).sort()).toEqual(['c-custody', 'c-overdue']);
    expect(await ids('到期')).toEqual(['c-terms']);
  });

  it('treats tsquery syntax in a query as text and a query of punctuation as nothing to find', async () => {
    expect(await ids("理财 ' & ! | :* (")).toEqual(expect.arrayContaining(['c-stable']));
    expect((await find('！？…')).items).toEqual([]);
  });
});

describe('search inside longer words (character bigrams of CJK runs)', () => {
  const corpus: Record<string, [string, number]> = {
    wechatWord: ['微信支付可以直接充值吗', 30],
    bindCard: ['绑卡的时候提示预留手机号不一致', 1],
    replay: ['昨晚的直播回放在哪里看', 1],
    replayApart: ['直播已结束。回放明天上线', 1],
    cash: ['现金管理适合放零钱', 1],
    etf: ['这只ETF基金跟踪沪深300指数', 1],
    etfs: ['Two ETFs and 指数基金', 2],
  };
  beforeAll(() => index(...Object.entries(corpus).map(([key, [body, age]]) => doc(body, { id: `w-${key}`, createdAt: daysAgo(age) }))));

  it('finds 微信 inside 加微信, 绑卡 in 绑卡的时候 (jieba: 绑 + 卡), 回放 in 直播回放 (jieba: 回 + 放在)', async () => {
    expect(await ids('微信')).toEqual(expect.arrayContaining(['c-offPlatform', 'w-wechatWord']));
    expect(await ids('绑卡')).toEqual(['w-bindCard']);
    expect((await ids('回放')).sort()).toEqual(['w-replay', 'w-replayApart']);
    expect(await ids('直播回放')).toContain('w-replay');
    // The part typed together must stand together: 播回 is in 直播回放, not across 直播。回放.
    expect(await ids('播回')).toEqual(['w-replay']);
    expect(await ids('微博')).toEqual([]);
  });

  it('ranks exact-word hits before hits inside longer words, whatever their age', async () => {
    // 微信 is a word of the 30-day-old post and only inside 加微信 in yesterday's.
    expect(await ids('微信')).toEqual(['w-wechatWord', 'c-offPlatform']);
    expect(await ids('回放')).toEqual(['w-replayApart', 'w-replay']);
  });

  it('answers a single character with every text holding it, the ones where it is a word first', async () => {
    const found = await ids('金');
    expect(found[0]).toBe('c-trialApart'); // 送了金: 金 on its own
    expect(found).toEqual(expect.arrayContaining(['c-trial', 'c-coupon', 'w-cash', 'w-etf']));
    expect(found).not.toContain('c-hike');
  });

  it('handles mixed Latin and Chinese: 基金 with ETF, ETF as a prefix of ETFs, case-insensitively', async () => {
    // Both hold ETF… and …基金; only the first has them as words.
    expect(await ids('ETF基金')).toEqual(['w-etf', 'w-etfs']);
    expect(await ids('etf')).toEqual(['w-etf', 'w-etfs']);
    expect((await ids('指数基金')).sort()).toEqual(['w-etf', 'w-etfs']);
    expect(await ids('沪深300')).toEqual(['w-etf']);
    expect(await ids('30')).toEqual([]);
  });

  it('marks the query inside the longer word in the snippet', async () => {
    const hit = (await find('微信')).items.find((h) => h.id === 'c-offPlatform');
    expect(hit?.snippet).toEqual([
      { text: '有人让我加', hit: false },
      { text: '微信', hit: true },
      { text: '私下转账，是骗子吧', hit: false },
    ]);
  });
});

describe('ranking', () => {
  it('puts an exact-word hit above a newer hit inside a longer word even with the word in its title', async () => {
    await index(
      doc('群里有人发二维码。', { id: 'rank-inside', title: '警惕加微信群的骗局', createdAt: daysAgo(0) }),
      doc('客服说可以用微信联系', { id: 'rank-word', createdAt: daysAgo(20) }),
    );
    const order = await ids('微信');
    expect(order.indexOf('rank-word')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('rank-word')).toBeLessThan(order.indexOf('rank-inside'));
  });

  it('puts a document about the term (title, several mentions) above one that mentions it once, even if older', async () => {
    await index(
      doc('今天聊了很多，顺便提到复投。', { id: 'rank-once', kind: 'message', createdAt: daysAgo(0) }),
      doc('复投能提高收益。我每月复投一次，复投前先看到期日。', { id: 'rank-about', title: '复投攻略', createdAt: daysAgo(10) }),
    );
    expect(await ids('复投')).toEqual(['rank-about', 'rank-once']);
  });

  it('breaks a tie with recency', async () => {
    await index(
      doc('封闭期内不能赎回', { id: 'old', createdAt: daysAgo(60) }),
      doc('封闭期内不能赎回', { id: 'new', createdAt: daysAgo(1) }),
    );
    expect(await ids('封闭期')).toEqual(['new', 'old']);
  });
});

describe('visibility', () => {
  it('never returns a document from a scope the searcher was not given', async () => {
    const [a, b] = [group(), group()];
    await index(
      doc('资金池模式已被禁止', { id: 'vis-public' }),
      doc('资金池模式已被禁止', { id: 'vis-a', kind: 'message', scope: a }),
      doc('资金池模式已被禁止', { id: 'vis-b', kind: 'message', scope: b }),
    );
    expect((await ids('资金池', ['public', b])).sort()).toEqual(['vis-b', 'vis-public']);
    expect(await ids('资金池', [a])).toEqual(['vis-a']);
    expect(await ids('资金池', [])).toEqual([]);
    expect(await ids('资金池', ['public', a, b], { kinds: ['thread'] })).toEqual(['vis-public']);
  });
});

describe('keeping the index in step with the content', () => {
  it('remove() takes effect with its transaction, and not at all when that rolls back', async () => {
    await index(doc('这个标流标了', { id: 'gone' }));
    expect(await ids('流标')).toEqual(['gone']);
    await expect(
      transact(env.sys.platform.db, async (trx) => {
        await search().remove(trx, 'thread', 'gone');
        throw new Error('the hide failed');
      }),
    ).rejects.toThrow('the hide failed');
    expect(await ids('流标')).toEqual(['gone']);
    await transact(env.sys.platform.db, async (trx) => {
      await search().remove(trx, 'thread', 'gone');
      const { rows } = await sql`SELECT 1 FROM search_documents WHERE kind = 'thread' AND id = 'gone'`.execute(trx);
      expect(rows).toEqual([]);
    });
    expect(await ids('流标')).toEqual([]);
  });

  it('an index() that rolls back leaves nothing behind', async () => {
    await expect(
      transact(env.sys.platform.db, async (trx) => {
        await search().index(trx, doc('爆雷的平台', { id: 'never' }));
        throw new Error('the post failed');
      }),
    ).rejects.toThrow();
    expect(await ids('爆雷')).toEqual([]);
  });

  it('an upsert replaces the text, and removeScope empties a deleted group', async () => {
    await index(doc('旧内容提到债权转让', { id: 'edited', title: '旧标题' }));
    await index(doc('新内容提到兑付', { id: 'edited', title: '新标题' }));
    expect(await ids('债权转让')).toEqual([]);
    expect(await ids('兑付')).toEqual(['edited']);
    expect((await find('兑付')).items[0]?.title).toBe('新标题');

    const deleted = group();
    await index(doc('群里讨论起投', { kind: 'message', scope: deleted }), doc('群里又讨论起投', { kind: 'message', scope: deleted }));
    expect(await ids('起投', [deleted])).toHaveLength(2);
    expect(await transact(env.sys.platform.db, (trx) => search().removeScope(trx, deleted))).toBe(2);
    expect(await ids('起投', [deleted])).toEqual([]);
  });
});

describe('snippets', () => {
  it('marks the hits in segments and returns markup as plain text', async () => {
    const body = `<script>alert("刚兑")</script><img src=x onerror=alert(1)> ${'前文'.repeat(30)}有人说刚兑要打破了`;
    await index(doc(body, { id: 'xss', title: '<b>刚兑</b>讨论' }));
    const [hit] = (await find('刚兑')).items;
    expect(hit?.id).toBe('xss');
    expect(hit?.titleHighlight).toEqual([
      { text: '<b>', hit: false },
      { text: '刚兑', hit: true },
      { text: '</b>讨论', hit: false },
    ]);
    expect(hit?.snippet[0]).toEqual({ text: '<script>alert("', hit: false });
    expect(hit?.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['刚兑']);
    expect(hit?.snippet.map((s) => s.text).join('')).toBe(`${body.slice(0, 60)}…`);
  });
});

describe('paging', () => {
  it('pages by cursor without repeats, and later pages ignore what was indexed after the first', async () => {
    await index(...[1, 2, 3, 4, 5].map((n) => doc(`第${n}期募集期结束`, { id: `page-${n}`, createdAt: daysAgo(n) })));
    const first = await find('募集期', ['public'], { limit: 2 });
    env.sys.clock.advance(1000);
    await index(doc('刚开始的募集期', { id: 'page-late', createdAt: env.sys.clock.now() }));
    const seen = first.items.map((h) => h.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await search().query({ q: '募集期', scopes: ['public'], limit: 2, cursor });
      seen.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['page-1', 'page-2', 'page-3', 'page-4', 'page-5']);
    expect((await ids('募集期'))[0]).toBe('page-late');
    await expect(search().query({ q: '募集期', scopes: ['public'], limit: 2, cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});

describe('GET /api/v1/search', () => {
  let token = '';
  beforeAll(async () => {
    token = (await registerMember(env.sys.app, env.admin, freshPhone())).token;
    await index(
      doc('满标后第二天起息', { id: 'http-thread', title: '什么时候满标' }),
      doc('满标了吗', { id: 'http-question', kind: 'question' }),
      doc('我们群里的满标消息', { id: 'http-private', kind: 'message', scope: group() }),
    );
  });
  const get = (query: string, auth = true) => call(env.sys.app, { url: `/api/v1/search${query}`, ...(auth ? { token } : {}) });

  it('returns ranked hits from what the member may see, never another group’s messages', async () => {
    const res = await get(`?q=${encodeURIComponent('满标')}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((h: { id: string }) => h.id).sort()).toEqual(['http-question', 'http-thread']);
    expect(body.nextCursor).toBeNull();
    expect(body.items[0]).toMatchObject({
      id: 'http-thread',
      kind: 'thread',
      scope: 'public',
      title: '什么时候满标',
      link: '/threads/http-thread',
      authorId: null,
      createdAt: daysAgo(1).toISOString(),
    });
    expect(body.items[0].snippet).toEqual([
      { text: '满标', hit: true },
      { text: '后第二天起息', hit: false },
    ]);
    const kinds = await get(`?q=${encodeURIComponent(' 满标 ')}&kind=question`);
    expect(kinds.json().items.map((h: { id: string }) => h.id)).toEqual(['http-question']);
  });

  it('refuses a query that is empty or longer than 50 characters, and asks for a login', async () => {
    for (const q of ['', '?q=', `?q=${encodeURIComponent('   ')}`, `?q=${'a'.repeat(51)}`, `?q=${encodeURIComponent('满'.repeat(51))}`]) {
      const res = await get(q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe('SEARCH_QUERY_INVALID');
    }
    expect((await get(`?q=${encodeURIComponent('满'.repeat(50))}`)).statusCode).toBe(200);
    expect((await get(`?q=${encodeURIComponent('满标')}&kind=everything`)).json().error.code).toBe('VALIDATION_FAILED');
    const anonymous = await get(`?q=${encodeURIComponent('满标')}`, false);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('Markdown bodies', () => {
  it('cut snippets from the text as displayed, styles as flags, and index only what a reader sees', async () => {
    await index(
      doc('任何产品都**不承诺保本**，详见[这里](https://example.com/秘密通道)', { id: 'md-thread', kind: 'thread' }),
      doc('群里说**保本**的都不可信', { id: 'md-message', kind: 'message' }),
    );
    const hits = (await find('保本')).items;
    const thread = hits.find((h) => h.id === 'md-thread')!;
    expect(thread.snippet).toEqual([
      { text: '任何产品都', hit: false },
      { text: '不承诺', hit: false, strong: true },
      { text: '保本', hit: true, strong: true },
      { text: '，详见这里', hit: false },
    ]);
    // Chat messages are plain text: the stars are what the member typed and what readers see.
    expect(
      hits
        .find((h) => h.id === 'md-message')!
        .snippet.map((s) => s.text)
        .join(''),
    ).toBe('群里说**保本**的都不可信');
    expect(await ids('秘密通道')).toEqual([]);
  });
});

describe('the index format', () => {
  it('is the same bytes on every server and locale: our lexemes, never re-parsed', async () => {
    await index(doc('加微信，绑卡 ETF', { id: 'bytes', title: '回放' }));
    const { rows } = await sql<{ tsv: string; v: number }>`
      SELECT tsv::text AS tsv, index_version AS v FROM search_documents WHERE kind = 'thread' AND id = 'bytes'`.execute(
      env.sys.platform.db,
    );
    expect(rows[0]).toEqual({
      tsv: "'etf':4 '~信':5 '~加微':3 '~卡':7 '~回放':1A '~微信':4 '~放':2A '~绑卡':6 '加微信':2 '回放':1A '绑卡':3",
      v: 2,
    });
  });

  it('re-indexes documents written by an older format in resumable batches, without a manual step', async () => {
    const stale = Array.from({ length: 230 }, (_, n) =>
      doc(`第${n}位会员绑卡的时候遇到问题`, { id: `stale-${n}`, kind: 'message', scope: 'group:stale' }),
    );
    await index(...stale);
    // What version 1 wrote: jieba's words only (the migration marks every earlier row version 1).
    await sql`UPDATE search_documents SET index_version = 1,
                tsv = ts_delete(tsv, ARRAY(SELECT lexeme FROM unnest(tsv) WHERE lexeme LIKE '~%'))
              WHERE scope = 'group:stale'`.execute(env.sys.platform.db);
    const scopes = ['group:stale'];
    expect(await ids('绑卡', scopes)).toEqual([]);
    expect(await ids('问题', scopes)).toHaveLength(50); // the words still find them meanwhile

    // A run that stops after one batch (a crash or its time budget) leaves the rest for the next run.
    expect(await reindexStale({ db: env.sys.platform.db, clock: env.sys.clock }, 0)).toEqual({ reindexed: 200, remaining: 30 });
    const job = cronJobs(env.sys.modules, env.sys.platform.db).find((j) => j.name === 'search-reindex')!;
    expect(await job.run(env.sys.clock.now())).toEqual({ reindexed: 30, remaining: 0 });
    expect(await job.run(env.sys.clock.now())).toEqual({ reindexed: 0, remaining: 0 });
    expect((await find('绑卡', scopes, { limit: 50 })).items).toHaveLength(50);
    const { rows } = await sql<{ tsv: string }>`
      SELECT tsv::text AS tsv FROM search_documents WHERE kind = 'message' AND id = 'stale-7'`.execute(env.sys.platform.db);
    expect(rows[0]!.tsv).toBe(
      (await sql<{ t: string }>`SELECT CAST(${documentVector(null, stale[7]!.body)} AS tsvector)::text AS t`.execute(env.sys.platform.db))
        .rows[0]!.t,
    );
  });
});
