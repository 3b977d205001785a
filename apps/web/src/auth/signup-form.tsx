import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import {
  type FormErrors,
  focusFirstInvalid,
  NO_FORM_ERRORS,
  toFormErrors,
  withoutFieldError,
} from '../api/form-errors';
import { ApiError } from '../api/problem';
import type { User } from '../api/types';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';
import { useSignup } from './auth.queries';
import { useRetryCountdown } from './use-retry-countdown';

const FIELDS = ['name', 'email', 'password'] as const;
type Field = (typeof FIELDS)[number];

export const MIN_PASSWORD_LENGTH = 10;

function checkSignup(name: string, email: string, password: string): FormErrors<Field>['fields'] {
  const fields: FormErrors<Field>['fields'] = {};
  if (name.trim() === '') fields.name = 'Enter your name.';
  if (email.trim() === '') fields.email = 'Enter your email address.';
  if (password.length < MIN_PASSWORD_LENGTH) {
    fields.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  return fields;
}

type SignupFormProps = {
  onSignedUp: (user: User) => void;
  /** A link to the log-in page, offered when the email already has an account. */
  loginLink: ReactNode;
};

/** Name, email and password; the first account on a fresh instance becomes its admin. */
export function SignupForm({ onSignedUp, loginLink }: SignupFormProps) {
  const signup = useSignup();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);
  const [focusRequest, setFocusRequest] = useState(0);
  const secondsLeft = useRetryCountdown(signup.error);
  const isEmailTaken = signup.error instanceof ApiError && signup.error.code === 'email_taken';

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const clearFieldError = (field: Field) => setErrors((current) => withoutFieldError(current, field));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = checkSignup(name, email, password);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      setFocusRequest((n) => n + 1);
      return;
    }
    setErrors(NO_FORM_ERRORS);
    signup.mutate(
      { name: name.trim(), email: email.trim(), password },
      {
        onSuccess: (session) => onSignedUp(session.user),
        onError: (error) => {
          setErrors(toFormErrors(error, FIELDS));
          setFocusRequest((n) => n + 1);
        },
      },
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="space-y-5" aria-label="Sign up">
      {errors.form && (
        <Alert tone="danger" live="alert">
          {errors.form}
        </Alert>
      )}
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        hint="Shown to mentors and admins on this instance."
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          clearFieldError('name');
        }}
        error={errors.fields.name}
      />
      <div className="space-y-2">
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
            clearFieldError('email');
          }}
          error={errors.fields.email}
        />
        {isEmailTaken && errors.fields.email && <p className="text-sm text-fg-muted">{loginLink}</p>}
      </div>
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A short phrase is easy to remember and hard to guess.`}
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
          clearFieldError('password');
        }}
        error={errors.fields.password}
      />
      <Button type="submit" className="w-full" isLoading={signup.isPending} disabled={secondsLeft > 0}>
        {secondsLeft > 0 ? `Try again in ${secondsLeft} s` : 'Create account'}
      </Button>
    </form>
  );
}
