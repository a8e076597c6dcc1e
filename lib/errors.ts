/**
 * Errors we expect and can explain. Route handlers and actions map these in one place
 * (lib/http/respond.ts); anything else becomes a redacted 500 with a request ID in the log.
 */
export type AppErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'idempotency_key_reused'
  | 'rate_limited'
  | 'unauthorised'
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'service_unavailable';

const STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  service_unavailable: 503,
};

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly extra: { retryAfterSeconds?: number } = {},
  ) {
    super(userMessage);
    this.status = STATUS[code];
  }
}
