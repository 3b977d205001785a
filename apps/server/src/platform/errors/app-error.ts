import type { FieldError } from '@groundwork/contracts';
import { ERROR_CATALOGUE, type ErrorCode } from './catalogue';

/**
 * An error the client is meant to see. Anything thrown that is not an AppError is answered with a
 * plain 500 and logged whole.
 * @example throw new AppError('email_taken', 'ada@example.com already has an account.');
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string = ERROR_CATALOGUE[code].title,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }

  /** A 400 naming one field, for rules a schema cannot express. */
  static invalidField(field: string, message: string): AppError {
    return AppError.invalidFieldWithCode('validation_failed', field, message);
  }

  /** An error of another code (a 409, say) that still names the field at fault. */
  static invalidFieldWithCode(code: ErrorCode, field: string, message: string): AppError {
    return new AppError(code, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}
