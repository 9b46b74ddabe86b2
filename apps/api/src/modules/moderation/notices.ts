import { APPEALABLE_ACTIONS, type ModlogAction, type ModerationTargetType } from '@quanzi/contracts';
import type { Notice } from '../../platform/events/notices.js';
import type { CitedRule } from './rules.js';
import { shanghaiMinute } from './format.js';

const CONTENT: Record<ModerationTargetType, string> = {
  message: '消息',
  thread: '帖子',
  reply: '回复',
  live_comment: '直播评论',
  member: '账号',
};

export interface ActionNotice {
  actionId: string;
  action: ModlogAction;
  targetType: ModerationTargetType | null;
  rule: CitedRule;
  reason: string;
  excerpt: string;
  hours: number | null;
  until: Date | null;
  /** A mute in one group rather than platform-wide. */
  inGroup: boolean;
  /** For the filter: the word that matched. */
  word?: string | undefined;
}

function title(n: ActionNotice): string {
  const what = n.targetType ? CONTENT[n.targetType] : '内容';
  switch (n.action) {
    case 'hide':
      return `你的${what}已被隐藏`;
    case 'delete':
      return `你的${what}已被删除`;
    case 'mute':
      return `${n.inGroup ? '你在圈内已被' : '你已被'}禁言 ${n.hours ?? 0} 小时`;
    case 'remove_from_group':
      return '你已被移出圈子';
    case 'warn':
      return '你收到一次社区警告';
    case 'hold':
      return `你的${what}正在等待审核`;
    case 'block':
      return `你的${what}未能发布`;
    case 'release':
      return `你的${what}已通过审核`;
    case 'restore':
      return n.targetType === 'member' ? '你的禁言已解除' : `你的${what}已恢复`;
    default:
      return '社区处理通知';
  }
}

/**
 * The moderation notice the author gets: what happened, under which rule and why, and — when it can
 * be appealed — a link to the appeal form. Moderation notices cannot be switched off.
 */
export function actionNotice(memberId: string, n: ActionNotice): Notice {
  const appealable = (APPEALABLE_ACTIONS as readonly string[]).includes(n.action);
  const parts = [`依据社区公约 ${n.rule.code}「${n.rule.title}」：${n.reason}`];
  if (n.word) parts.push(`命中词语：“${n.word}”`);
  if (n.until) parts.push(`禁言至 ${shanghaiMinute(n.until)}（北京时间）`);
  if (n.excerpt && n.targetType !== 'member') parts.push(`相关内容：“${n.excerpt}”`);
  if (appealable) parts.push('如有异议，可以提出申诉，申诉由未参与本次处理的工作人员复核。');
  return {
    memberId,
    kind: 'moderation',
    title: title(n),
    body: parts.join('\n'),
    link: appealable ? `/community/appeals/new?action=${n.actionId}` : `/modlog/${n.actionId}`,
    sourceEventId: `moderation:${n.actionId}`,
  };
}

/** The outcome of the member's appeal, with the deciding operator's note. */
export function appealOutcomeNotice(
  memberId: string,
  o: { outcomeId: string; outcome: 'upheld' | 'overturned'; rule: CitedRule; note: string },
): Notice {
  const overturned = o.outcome === 'overturned';
  return {
    memberId,
    kind: 'moderation',
    title: overturned ? '申诉成功：原处理已撤销' : '申诉结果：维持原处理',
    body: `你对依据社区公约 ${o.rule.code}「${o.rule.title}」所作处理的申诉已有结论。复核意见：${o.note}`,
    link: `/modlog/${o.outcomeId}`,
    sourceEventId: `moderation:${o.outcomeId}`,
  };
}
