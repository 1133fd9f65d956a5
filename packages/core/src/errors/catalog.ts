/**
 * Every error Waymark reports to a caller, in one place. Each code has an HTTP status and a
 * line in docs/errors.md; a test keeps the two in step.
 */
export const ERROR_CATALOG = {
  WM_INGEST_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  WM_INGEST_UNSUPPORTED_ENCODING: { status: 415, message: 'Only gzip and identity content encodings are accepted.' },
  WM_INGEST_BATCH_TOO_LARGE: { status: 413, message: 'A batch may be at most 500 KB.' },
  WM_INGEST_EVENT_TOO_LARGE: { status: 413, message: 'An event may be at most 32 KB.' },
  WM_INGEST_INVALID_FIELD: { status: 400, message: 'A field has the wrong type or value.' },
  WM_INGEST_MISSING_FIELD: { status: 400, message: 'A required field is missing.' },
  WM_INGEST_UNKNOWN_TYPE: { status: 400, message: 'The message type is not one of track, identify, page, screen, group, alias.' },
  WM_INGEST_INVALID_TIMESTAMP: { status: 400, message: 'A timestamp is not an ISO-8601 date-time.' },
  WM_INGEST_EMPTY_BATCH: { status: 400, message: 'The batch holds no messages.' },
  WM_AUTH_MISSING_KEY: { status: 401, message: 'No API key was given.' },
  WM_AUTH_INVALID_KEY: { status: 401, message: 'The API key is not valid.' },
  WM_AUTH_WRITE_KEY_CANNOT_READ: { status: 403, message: 'A write key can only send events; reading needs a secret key.' },
  WM_AUTH_WRONG_PROJECT: { status: 403, message: 'The key belongs to another project.' },
  WM_PROJECT_NOT_FOUND: { status: 404, message: 'No such project.' },
  WM_KEY_NOT_FOUND: { status: 404, message: 'No such key in this project.' },
  WM_PERSON_NOT_FOUND: { status: 404, message: 'No such person.' },
  WM_ROUTE_NOT_FOUND: { status: 404, message: 'No such route.' },
  WM_REQUEST_INVALID: { status: 400, message: 'A request parameter is invalid.' },
  WM_IMPORT_INVALID_ROW: { status: 400, message: 'A row of the imported file is invalid.' },
  WM_IMPORT_INVALID_MAPPING: { status: 400, message: 'The column mapping of a CSV import is invalid.' },
  WM_JOURNEY_INVALID: { status: 400, message: 'The journey map is invalid.' },
  WM_CLI_INVALID_OPTION: { status: 400, message: 'A command-line option is invalid.' },
  WM_CONFIG_INVALID: { status: 500, message: 'A configuration variable is invalid.' },
  WM_COHORT_NOT_FOUND: { status: 404, message: 'No such cohort in this project.' },
  WM_QUERY_CANCELLED: { status: 409, message: 'The query was cancelled.' },
  WM_QUERY_NOT_FOUND: { status: 404, message: 'No running query has that id.' },
  WM_UNAVAILABLE: { status: 503, message: 'The server cannot store events right now; retry later.' },
  WM_INTERNAL: { status: 500, message: 'Internal error.' },
  WM_SESSION_NOT_FOUND: { status: 404, message: 'No such session in this project.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];
