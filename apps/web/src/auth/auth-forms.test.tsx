import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ADA, createFakeApi, problem } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { LoginForm } from './login-form';
import { SignupForm } from './signup-form';

/** The message announced for an input: the element its aria-describedby points at. */
function messageFor(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('LoginForm', () => {
  it('asks for the missing fields without calling the API', async () => {
    const { client, requests } = createFakeApi({});
    renderWithApp(<LoginForm onSignedIn={vi.fn()} />, { client });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(messageFor(email)).toBe('Enter your email address.');
    expect(messageFor(screen.getByLabelText('Password'))).toBe('Enter your password.');
    expect(requests).toHaveLength(0);
  });

  it('says "wrong email or password" when the API answers 401', async () => {
    const { client } = createFakeApi({
      'POST /api/auth/login': () => problem(401, 'invalid_credentials', 'Wrong email or password'),
    });
    const onSignedIn = vi.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />, { client });
    fill('Email', 'ada@example.com');
    fill('Password', 'not her password');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/wrong email or password/i);
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says how long to wait when rate limited, and holds the button until then', async () => {
    const { client } = createFakeApi({
      'POST /api/auth/login': () =>
        problem(429, 'rate_limited', 'Too many attempts. Try again in 30 seconds.', {
          headers: { 'retry-after': '30' },
        }),
    });
    renderWithApp(<LoginForm onSignedIn={vi.fn()} />, { client });
    fill('Email', 'ada@example.com');
    fill('Password', 'guess number six');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Too many attempts. Please wait 30 seconds and try again.');
    const button = screen.getByRole('button', { name: /try again in 30 s/i });
    expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('hands the signed-in user over on success', async () => {
    const { client, requests } = createFakeApi({
      'POST /api/auth/login': () => ({ status: 200, body: { user: ADA, csrfToken: 'csrf' } }),
    });
    const onSignedIn = vi.fn();
    renderWithApp(<LoginForm onSignedIn={onSignedIn} />, { client });
    fill('Email', '  ada@example.com ');
    fill('Password', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(ADA));
    expect(await requests[0]?.json()).toEqual({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
  });
});

describe('SignupForm', () => {
  const renderSignup = (routes: Parameters<typeof createFakeApi>[0]) => {
    const api = createFakeApi(routes);
    renderWithApp(<SignupForm onSignedUp={vi.fn()} loginLink={<a href="/login">Log in instead</a>} />, {
      client: api.client,
    });
    fill('Name', 'Ada Lovelace');
    fill('Email', 'ada@example.com');
    fill('Password', 'correct horse battery');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    return api;
  };

  it('shows each 400 field error next to its own field', async () => {
    renderSignup({
      'POST /api/auth/signup': () =>
        problem(400, 'validation_failed', 'These fields are invalid: email, name.', {
          errors: [
            { field: 'email', message: 'Enter a valid email address' },
            { field: 'name', message: 'Enter a name' },
          ],
        }),
    });
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(messageFor(email)).toBe('Enter a valid email address.');
    expect(messageFor(screen.getByLabelText('Name'))).toBe('Enter a name.');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    // focus moves to the first field to fix, so its message is read out
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('shows a taken email next to the email field, with a way to log in', async () => {
    renderSignup({
      'POST /api/auth/signup': () =>
        problem(409, 'email_taken', 'email: This email already has an account', {
          errors: [{ field: 'email', message: 'This email already has an account' }],
        }),
    });
    const email = screen.getByLabelText('Email');
    await waitFor(() => expect(messageFor(email)).toBe('This email already has an account.'));
    expect(screen.getByRole('link', { name: 'Log in instead' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('checks the password length before sending anything', async () => {
    const { client, requests } = createFakeApi({});
    renderWithApp(<SignupForm onSignedUp={vi.fn()} loginLink={null} />, { client });
    fill('Name', 'Ada');
    fill('Email', 'ada@example.com');
    fill('Password', 'short');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await waitFor(() =>
      expect(messageFor(screen.getByLabelText('Password'))).toBe('Use at least 10 characters.'),
    );
    expect(requests).toHaveLength(0);
  });
});
