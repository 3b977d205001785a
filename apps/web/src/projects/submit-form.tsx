import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { focusFirstInvalid, toFormErrors } from '../api/form-errors';
import { loginPathFor } from '../auth/redirect';
import { useCreateSubmission } from '../submissions/submissions.queries';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { TextField } from '../ui/field';
import { PlayIcon } from '../ui/icons';

/** Checks a URL before asking the server, so an obvious typo gets its answer at once. */
export function checkTargetUrl(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return 'Enter the address where your server is running.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'Enter a full address, such as https://my-app.example.com.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http:// or https:// address.';
  return null;
}

type SubmitFormProps = { project: string; isSignedIn: boolean };

/** Asks the server to grade the learner's running server, then opens the live run. */
export function SubmitForm({ project, isSignedIn }: SubmitFormProps) {
  const [url, setUrl] = useState('');
  const [keepGoing, setKeepGoing] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useCreateSubmission();
  const navigate = useNavigate();
  const errors = toFormErrors(submit.error, ['url']);
  const urlError = localError ?? errors.fields.url;

  if (!isSignedIn) {
    return (
      <p className="text-sm text-fg-muted">
        <Link
          to={loginPathFor(`/projects/${project}`)}
          className="font-medium text-accent-text underline underline-offset-4"
        >
          Log in
        </Link>{' '}
        to have your server graded here.
      </p>
    );
  }

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = checkTargetUrl(url);
    setLocalError(problem);
    if (problem) {
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    submit.mutate(
      { project, url: url.trim(), all: keepGoing },
      {
        onSuccess: (created) => void navigate(`/submissions/${created.id}`),
        onError: () => requestAnimationFrame(() => focusFirstInvalid(formRef.current)),
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="space-y-4">
      <TextField
        label="Your server's URL"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://my-shortener.example.com"
        value={url}
        onChange={(event) => {
          setUrl(event.target.value);
          setLocalError(null);
        }}
        error={urlError}
        hint="It must be reachable from this Groundwork server."
        required
      />
      <label className="flex items-start gap-2.5 text-sm text-fg">
        <input
          type="checkbox"
          checked={keepGoing}
          onChange={(event) => setKeepGoing(event.target.checked)}
          className="mt-0.5 size-4 accent-[var(--gw-accent)]"
        />
        <span>
          Keep going after a failing stage
          <span className="block text-fg-muted">Normally the run stops at the first stage that fails.</span>
        </span>
      </label>
      {errors.form && (
        <Alert tone="danger" live="alert">
          {errors.form}
        </Alert>
      )}
      <Button
        type="submit"
        isLoading={submit.isPending}
        icon={<PlayIcon size={16} />}
        className="w-full sm:w-auto"
      >
        Grade my server
      </Button>
    </form>
  );
}
