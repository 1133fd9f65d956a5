import { ERROR_CATALOG, type ErrorCode } from './catalog.ts';

/** The body every 4xx/5xx answer carries: `{"error": {code, message, path}}`. */
export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly path: string | null };
}

/**
 * A known, expected failure with a catalogued code and the field it is about.
 *
 * @example throw new WaymarkError('WM_INGEST_MISSING_FIELD', 'batch[2].event', '"event" is required for track');
 */
export class WaymarkError extends Error {
  readonly code: ErrorCode;
  readonly path: string | null;
  readonly status: number;

  constructor(code: ErrorCode, path: string | null = null, message?: string) {
    super(message ?? ERROR_CATALOG[code].message);
    this.name = 'WaymarkError';
    this.code = code;
    this.path = path;
    this.status = ERROR_CATALOG[code].status;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, path: this.path } };
  }
}

export const isWaymarkError = (e: unknown): e is WaymarkError => e instanceof WaymarkError;
