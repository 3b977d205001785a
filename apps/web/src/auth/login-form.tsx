import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  type FormErrors,
  focusFirstInvalid,
  NO_FORM_ERRORS,
  toFormErrors,
  withoutFieldError,
} from '../api/form-errors';
import type { User } from '../api/types';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';
import { useLogin } from './auth.queries';
import { useRetryCountdown } from './use-retry-countdown';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

function checkLogin(email: string, password: string): FormErrors<Field>['fields'] {
  const fields: FormErrors<Field>['fields'] = {};
  if (email.trim() === '') fields.email = 'Enter your email address.';
  if (password === '') fields.password = 'Enter your password.';
  return fields;
}

/** Email and password, with the API's answers shown where they belong. */
export function LoginForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const login = useLogin();
  const formRef = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_FORM_ERRORS);
  const [focusRequest, setFocusRequest] = useState(0);
  const secondsLeft = useRetryCountdown(login.error);

  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const clearFieldError = (field: Field) => setErrors((current) => withoutFieldError(current, field));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = checkLogin(email, password);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, form: null });
      setFocusRequest((n) => n + 1);
      return;
    }
    setErrors(NO_FORM_ERRORS);
    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: (session) => onSignedIn(session.user),
        onError: (error) => {
          setErrors(toFormErrors(error, FIELDS));
          setFocusRequest((n) => n + 1);
        },
      },
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="space-y-5" aria-label="Log in">
      {errors.form && (
        <Alert tone="danger" live="alert">
          {errors.form}
        </Alert>
      )}
      <TextField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onChange={(event) => {
          setEmail(event.target.value);
          clearFieldError('email');
        }}
        error={errors.fields.email}
      />
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
          clearFieldError('password');
        }}
        error={errors.fields.password}
      />
      <Button type="submit" className="w-full" isLoading={login.isPending} disabled={secondsLeft > 0}>
        {secondsLeft > 0 ? `Try again in ${secondsLeft} s` : 'Log in'}
      </Button>
    </form>
  );
}
