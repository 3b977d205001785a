import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  type FormErrors,
  focusFirstInvalid,
  NO_FORM_ERRORS,
  toFormErrors,
  withoutFieldError,
} from '../api/form-errors';
import type { CreatedToken } from '../api/types';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';
import { type CreateTokenInput, useCreateToken } from './tokens.queries';

const FIELDS = ['name', 'expiresInDays'] as const;
type Field = (typeof FIELDS)[number];

const MAX_EXPIRY_DAYS = 365;

function checkToken(name: string, days: string): FormErrors<Field>['fields'] {
  const fields: FormErrors<Field>['fields'] = {};
  if (name.trim() === '') fields.name = 'Give the token a name, such as the machine or script that uses it.';
  if (days.trim() !== '') {
    const value = Number(days);
    if (!Number.isInteger(value) || value < 1 || value > MAX_EXPIRY_DAYS) {
      fields.expiresInDays = `Enter a whole number of days from 1 to ${MAX_EXPIRY_DAYS}, or leave it empty.`;
    }
  }
  return fields;
}

/** Name and optional lifetime; hands the created token (with its secret) to `onCreated` and forgets it. */
type CreateTokenFormProps = {
  onCreated: (created: CreatedToken) => void;
  /** Puts the cursor in the name field, for when the form comes back after a new token was shown. */
  isFocusedOnMount?: boolean;
};

export function CreateTokenForm({ onCreated, isFocusedOnMount = false }: CreateTokenFormProps) {
  const createToken = useCreateToken();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);
  const [focusRequest, setFocusRequest] = useState(0);
  const nameRef = useRef<HTMLInputElement>(null);
  const [shouldFocusName] = useState(isFocusedOnMount);

  useEffect(() => {
    if (shouldFocusName) nameRef.current?.focus();
  }, [shouldFocusName]);

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = checkToken(name, days);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      setFocusRequest((n) => n + 1);
      return;
    }
    setErrors(NO_FORM_ERRORS);
    const input: CreateTokenInput = { name: name.trim() };
    if (days.trim() !== '') input.expiresInDays = Number(days);
    createToken.mutate(input, {
      onSuccess: (created) => {
        // the secret leaves the mutation's memory at once; only the notice holds it
        createToken.reset();
        setName('');
        setDays('');
        onCreated(created);
      },
      onError: (error) => {
        setErrors(toFormErrors(error, FIELDS));
        setFocusRequest((n) => n + 1);
      },
    });
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label="Create a token" className="space-y-4">
      {errors.form && (
        <Alert tone="danger" live="alert">
          {errors.form}
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <TextField
          label="Token name"
          name="name"
          maxLength={80}
          placeholder="e.g. Laptop CLI"
          ref={nameRef}
          autoComplete="off"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            setErrors((current) => withoutFieldError(current, 'name'));
          }}
          error={errors.fields.name}
        />
        <TextField
          label="Expires after (days)"
          name="expiresInDays"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_EXPIRY_DAYS}
          hint="Optional. Leave empty for no expiry."
          value={days}
          onChange={(event) => {
            setDays(event.target.value);
            setErrors((current) => withoutFieldError(current, 'expiresInDays'));
          }}
          error={errors.fields.expiresInDays}
        />
      </div>
      <Button type="submit" isLoading={createToken.isPending}>
        Create token
      </Button>
    </form>
  );
}
