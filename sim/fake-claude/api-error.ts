/** The API's error types and the HTTP status each one comes with. */
export const ERROR_STATUS = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
} as const;

export type ApiErrorType = keyof typeof ERROR_STATUS;

export interface ApiError {
  type: ApiErrorType;
  message: string;
  /** Extra response headers (e.g. `retry-after`). */
  headers?: Record<string, string>;
}

/** The real error body: `{"type":"error","error":{type,message},"request_id":…}`. */
export function errorBody(error: ApiError, requestId: string) {
  return { type: 'error', error: { type: error.type, message: error.message }, request_id: requestId };
}

export const invalidRequest = (message: string): ApiError => ({ type: 'invalid_request_error', message });
