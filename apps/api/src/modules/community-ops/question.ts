/**
 * Whether a chat message asks something — the messages the unanswered alarm watches. Pure and
 * deliberately small: a question mark at the end (ASCII or full-width, before any trailing emoji or
 * spaces), or one of the interrogative words members use without one. Statements that merely contain
 * such a word in a set phrase (没什么, 不怎么样) are not questions.
 */
const QUESTION_WORDS = [
  '吗',
  '怎么',
  '如何',
  '为什么',
  '为啥',
  '什么',
  '哪个',
  '哪些',
  '哪里',
  '多少',
  '多久',
  '几天',
  '几点',
  '几号',
  '能否',
  '能不能',
  '可不可以',
  '是不是',
  '有没有',
  '是否',
  '请问',
  '求助',
  '咋',
];
/** Set phrases that contain a question word and ask nothing. */
const NOT_QUESTIONS = ['没什么', '不怎么样', '不怎么', '什么都', '怎么都', '多少有', '多少会', '吗啡'];
const TRAILING = /(?:[\s~～。.!！…]|\p{Extended_Pictographic}|\u200d|\ufe0f)+$/u;

export function isQuestion(text: string): boolean {
  const t = text.normalize('NFKC').trim();
  // NFKC turns the full-width ？ into ?.
  const core = t.replace(TRAILING, '');
  const letters = core.replace(/[^\p{L}\p{N}]/gu, '');
  if (letters.length < 2) return false;
  if (core.endsWith('?')) return true;
  let rest = core;
  for (const phrase of NOT_QUESTIONS) rest = rest.split(phrase).join(' ');
  return QUESTION_WORDS.some((w) => rest.includes(w));
}
