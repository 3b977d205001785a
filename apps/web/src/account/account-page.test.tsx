import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ApiToken } from '../api/types';
import { ADA, createFakeApi } from '../test/fake-api';
import { renderWithApp } from '../test/render';
import { AccountPage } from './account-page';

const SECRET = 'gwp_s3cr3t-value-shown-once-0123456789';

function createTokensApi() {
  const tokens: ApiToken[] = [];
  return createFakeApi({
    'GET /api/me': () => ({ status: 200, body: ADA }),
    'GET /api/tokens': () => ({ status: 200, body: { items: tokens } }),
    'POST /api/tokens': async (request) => {
      const input = (await request.json()) as { name: string; expiresInDays?: number };
      const token: ApiToken = {
        id: '0b6c2f0e-1111-4222-8333-444455556666',
        name: input.name,
        prefix: SECRET.slice(0, 10),
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
        expiresAt: null,
        revokedAt: null,
      };
      tokens.unshift(token);
      return { status: 201, body: { token, secret: SECRET } };
    },
    'DELETE /api/tokens/0b6c2f0e-1111-4222-8333-444455556666': () => {
      const token = tokens[0];
      if (token) tokens[0] = { ...token, revokedAt: new Date().toISOString() };
      return { status: 204 };
    },
  });
}

async function createToken(name: string) {
  fireEvent.change(await screen.findByLabelText('Token name'), { target: { value: name } });
  fireEvent.click(screen.getByRole('button', { name: 'Create token' }));
  return screen.findByLabelText('Your new token');
}

describe('personal access tokens on the account page', () => {
  it('shows a new token once, with a warning, and forgets it after "I\'ve saved it"', async () => {
    const { client } = createTokensApi();
    const { queryClient } = renderWithApp(<AccountPage />, { client, path: '/account' });

    const secretField = (await createToken('Laptop scripts')) as HTMLInputElement;
    expect(secretField.value).toBe(SECRET);
    expect(screen.getByText(/this is the only time it is shown/i)).toBeTruthy();

    // the list shows the new token by name and prefix, never its secret
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getByRole('cell', { name: 'Laptop scripts' })).toBeTruthy());
    expect(table.textContent).not.toContain(SECRET);

    fireEvent.click(screen.getByRole('button', { name: "I've saved it" }));
    expect(screen.queryByLabelText('Your new token')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
    // nothing cached keeps the secret either
    const cached = JSON.stringify([
      queryClient
        .getQueryCache()
        .getAll()
        .map((query) => query.state.data),
      queryClient
        .getMutationCache()
        .getAll()
        .map((mutation) => mutation.state.data),
    ]);
    expect(cached).not.toContain(SECRET);
  });

  it('copies the secret to the clipboard', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { client } = createTokensApi();
    renderWithApp(<AccountPage />, { client, path: '/account' });
    await createToken('CI');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(SECRET);
  });

  it('asks before revoking, then marks the token revoked', async () => {
    const { client, requests } = createTokensApi();
    renderWithApp(<AccountPage />, { client, path: '/account' });
    await createToken('Old laptop');
    fireEvent.click(screen.getByRole('button', { name: "I've saved it" }));

    fireEvent.click(await screen.findByRole('button', { name: 'Revoke Old laptop' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/refused from now on/i)).toBeTruthy();
    expect(requests.some((request) => request.method === 'DELETE')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await waitFor(() => expect(screen.getByText('Revoked')).toBeTruthy());
    expect(requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });
});
