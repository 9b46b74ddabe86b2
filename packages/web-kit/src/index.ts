export { ApiError, createApiClient, errorMessage, type ApiClientOptions, type Method } from './api-client.js';
export { formatShanghaiTime } from './time.js';
export { formatFen, newIdempotencyKey, yuanInputToFen } from './money.js';
export {
  inlineNodes,
  mentionsOf,
  parseMarkdown,
  plainText,
  safeHref,
  topicsOf,
  type MarkdownBlock,
  type MarkdownInline,
} from './markdown.js';
