export { ApiError, createApiClient, errorMessage, type ApiClientOptions, type Method } from './api-client.js';
export { formatShanghaiTime } from './time.js';
