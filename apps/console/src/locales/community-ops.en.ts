import type { Shape } from './shape';
import type communityOpsZhCN from './community-ops.zh-CN';

const communityOpsEn: Shape<typeof communityOpsZhCN> = {
  ops: {
    group: 'Group',
    pickGroup: 'Choose a group',
    required: 'Required',
    remove: 'Remove',
    minutes: 'min',
    shanghaiHint: 'Beijing time',
    tabs: { alarm: 'Unanswered alarm', welcome: 'Welcome message', keywords: 'Keyword replies', calendar: 'Content calendar' },
    duration: {
      seconds: '{{count}} s',
      minutes: '{{count}} min {{rest}} s',
      hours: '{{count}} h {{rest}} min',
      days: '{{count}} d {{rest}} h',
    },
    weekdays: { 1: 'Mon', 2: 'Tue', 3: 'Wed', 4: 'Thu', 5: 'Fri', 6: 'Sat', 7: 'Sun' },
    alarms: {
      note: "A member's question in a group chat that no other member, expert or operator answers within the group's minutes (10 by default) raises an alarm here and notifies the operator on duty and the group's experts. A reply clears it; the first-response time feeds the community health metrics.",
      filter: { alarmed: 'Alarmed', open: 'Waiting', answered: 'Answered', all: 'All' },
      statuses: { open: 'Waiting', alarmed: 'Overdue', answered: 'Answered' },
      emptyAlarmed: 'No overdue questions',
      status: 'Status',
      question: 'Question',
      askedAt: 'Asked at',
      waiting: 'Waiting',
      response: 'First response',
      answeredBy: 'Answered by',
      notified: 'Notified',
      noDuty: 'Nobody on duty',
      experts: '{{count}} experts',
      open: 'Answer',
      answeredCount: 'Answered',
      median: 'Median response',
      p90: '90th percentile',
    },
    roster: {
      add: 'Add duty',
      onDutyNow: 'On duty now:',
      empty: 'No roster yet: alarms show on the board only',
      weekday: 'Weekday',
      time: 'Time',
      operator: 'Operator',
      createdAt: 'Added',
      confirmRemove: 'Remove this slot?',
    },
    alarmSettings: {
      note: 'A question unanswered for the set minutes raises an alarm; with working hours, only minutes inside them count (a question after 22:00 starts counting the next morning).',
      minutes: 'Alarm after',
      workingHours: 'Count only working hours',
      range: 'Working hours',
    },
    welcome: {
      note: 'When a member joins the group, the official account posts the welcome message in the chat.',
      enabled: 'Post a welcome message',
      template: 'Welcome message',
      hint: 'Variables: {{nickname}} (the new member), {{group}} (the group name)',
    },
  },
};
export default communityOpsEn;
