import { ApiError, describeError, FORM_FIELD } from './problem';

export type FormErrors<Field extends string> = {
  /** Messages to show next to each input. */
  fields: Partial<Record<Field, string>>;
  /** A message for the whole form, or null when every problem belongs to a field. */
  form: string | null;
};

export const NO_FORM_ERRORS: FormErrors<never> = { fields: {}, form: null };

/**
 * Splits an error into messages per input of this form and one for the form itself. Field errors for
 * inputs the form does not have are folded into the form message, so nothing the API said is lost.
 * @example toFormErrors(error, ['email', 'password']).fields.email // 'This email already has an account.'
 */
export function toFormErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): FormErrors<Field> {
  if (error === null || error === undefined) return { fields: {}, form: null };
  if (!(error instanceof ApiError)) return { fields: {}, form: describeError(error) };
  const known = new Set<string>(fields);
  const byField: Partial<Record<Field, string>> = {};
  const leftovers: string[] = [];
  for (const [field, message] of Object.entries(error.fieldErrors)) {
    if (known.has(field)) byField[field as Field] = message;
    else leftovers.push(field === FORM_FIELD ? message : `${field}: ${message}`);
  }
  const hasFieldMessages = Object.keys(byField).length > 0;
  if (leftovers.length > 0) return { fields: byField, form: leftovers.join(' ') };
  return { fields: byField, form: hasFieldMessages ? null : error.message };
}

/** Moves focus to the first input marked invalid, so its message is read out and it can be fixed. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

/** The same errors without the message for one field (the user is fixing it). */
export function withoutFieldError<Field extends string>(
  errors: FormErrors<Field>,
  field: Field,
): FormErrors<Field> {
  if (errors.fields[field] === undefined) return errors;
  const fields = { ...errors.fields };
  delete fields[field];
  return { ...errors, fields };
}
