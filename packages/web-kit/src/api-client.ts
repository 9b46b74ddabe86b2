/** A failure the server explained: `message` is already in the caller's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiClientOptions {
  /** e.g. `/api/v1` or `/api/v1/console`. */
  base: string;
  language(): string;
  /** Called when an authenticated call finds the session gone. */
  onUnauthenticated(): void;
  /** Shown when the network fails or the server sends no error body. */
  messages: { network: string; server: string };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Same-origin JSON calls for both apps. The session rides in the HttpOnly cookie the server set;
 * the apps never see or store a token, and never put one in a URL.
 */
export function createApiClient(options: ApiClientOptions) {
  return async function api<T>(
    method: Method,
    path: string,
    body?: unknown,
    call: { redirectOn401?: boolean; headers?: Record<string, string> } = {},
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${options.base}${path}`, {
        method,
        credentials: 'same-origin',
        headers: {
          'accept-language': options.language(),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...call.headers,
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new ApiError(0, 'NETWORK', options.messages.network);
    }
    if (res.status === 204) return undefined as T;
    const data = await res.json().catch(() => undefined);
    if (!res.ok) {
      const error = data?.error ?? { code: 'INTERNAL', message: options.messages.server };
      if (res.status === 401 && call.redirectOn401 !== false && !path.startsWith('/auth/')) options.onUnauthenticated();
      throw new ApiError(res.status, error.code, error.message, error.details);
    }
    return data as T;
  };
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
