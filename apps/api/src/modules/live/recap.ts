import { shanghaiDay } from '../../platform/clock.js';
import { shanghaiTime } from './view.js';

export interface RecapQuestion {
  body: string;
  upvotes: number;
  asker: string;
}

export const recapTitle = (title: string) => `直播回顾：${title}`;

/**
 * Member text inside our Markdown: one line, every character the Markdown subset could read as
 * formatting or a link backslash-escaped, so a question renders exactly as it was typed.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, (c) => `\\${c}`)
    .trim();
}

/** The recap thread's body: who hosted and when, then the answered questions in the order given (most upvoted first). */
export function recapMarkdown(
  session: { hostName: string; description: string; startedAt: Date; endedAt: Date },
  questions: RecapQuestion[],
): string {
  const when = `${shanghaiDay(session.startedAt)} ${shanghaiTime(session.startedAt)}–${shanghaiTime(session.endedAt)}`;
  const lines = [`主持人：${escapeMarkdown(session.hostName)}\u3000直播时间：${when}`];
  if (session.description.trim()) lines.push('', session.description.trim());
  lines.push('', `**已回答的问题（${questions.length}）**`, '');
  if (!questions.length) lines.push('本场直播没有已回答的问题。');
  questions.forEach((q, i) => lines.push(`${i + 1}. ${escapeMarkdown(q.body)}（${escapeMarkdown(q.asker)} 提问，${q.upvotes} 人赞同）`));
  return lines.join('\n');
}
