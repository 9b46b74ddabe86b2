import type { ConsoleLiveSession, LiveAuthor, LiveComment, LiveQuestion, LiveSession } from '@quanzi/contracts';
import type { CommentRow, QuestionRow, SessionRow } from './repo.js';

export const sessionLink = (id: string) => `/community/live/${id}`;

export function presentSession(row: SessionRow, subscriberCount: number, threadLink: (id: string) => string): LiveSession {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    hostName: row.host_name,
    hostMemberId: row.host_member_id,
    groupId: row.group_id,
    streamUrl: row.stream_url,
    scheduledAt: row.scheduled_at.toISOString(),
    status: row.status,
    startedAt: row.started_at?.toISOString() ?? null,
    endedAt: row.ended_at?.toISOString() ?? null,
    subscriberCount,
    recap:
      row.recap_markdown === null
        ? null
        : {
            threadId: row.recap_thread_id,
            link: row.recap_thread_id ? threadLink(row.recap_thread_id) : sessionLink(row.id),
            markdown: row.recap_markdown,
          },
  };
}

export function presentConsoleSession(
  row: SessionRow,
  counts: { subscribers: number; comments: number; questions: number },
  threadLink: (id: string) => string,
): ConsoleLiveSession {
  return {
    ...presentSession(row, counts.subscribers, threadLink),
    hostOperatorId: row.host_operator_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    commentCount: counts.comments,
    questionCount: counts.questions,
  };
}

/** Only visible comments and, to their author, held ones are ever presented. */
export function presentComment(row: CommentRow, author: LiveAuthor): LiveComment {
  return {
    id: row.id,
    sessionId: row.session_id,
    author,
    body: row.body,
    warning: row.flag,
    status: row.status === 'held' ? 'held' : 'visible',
    createdAt: row.created_at.toISOString(),
  };
}

/** The question as everyone sees it (real-time events carry this; `upvotedByMe` is added per reader). */
export function presentQuestionState(row: QuestionRow, author: LiveAuthor): Omit<LiveQuestion, 'upvotedByMe'> {
  return {
    id: row.id,
    sessionId: row.session_id,
    author,
    body: row.body,
    warning: row.flag,
    upvotes: row.upvotes,
    status: row.status === 'answered' ? 'answered' : row.status === 'held' ? 'held' : 'open',
    answeredAt: row.answered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
