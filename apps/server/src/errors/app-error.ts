import { errorCodes, type ErrorCode } from '@switchboard/protocol';

/** The one error type routes throw; the error handler turns it into the JSON envelope. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? errorCodes[code].message);
    this.name = 'AppError';
    this.status = errorCodes[code].status;
  }
}
