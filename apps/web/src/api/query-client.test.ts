import { describe, expect, it } from 'vitest';
import { ADA } from '../test/fake-api';
import { ApiError } from './problem';
import { createQueryClient, shouldRetry } from './query-client';
import { queryKeys } from './query-keys';

function signedInClient() {
  const client = createQueryClient();
  client.setQueryData(queryKeys.currentUser, ADA);
  return client;
}

describe('createQueryClient', () => {
  it('signs the user out when any call says the session has ended', async () => {
    const client = signedInClient();
    const expired = new ApiError(401, 'unauthenticated', 'Please sign in to continue.');
    await expect(
      client.fetchQuery({ queryKey: queryKeys.tokens, queryFn: () => Promise.reject(expired) }),
    ).rejects.toBe(expired);
    expect(client.getQueryData(queryKeys.currentUser)).toBeNull();
  });

  it('keeps the user signed in on other errors', async () => {
    const client = signedInClient();
    const forbidden = new ApiError(403, 'forbidden', "You don't have permission to do this.");
    await expect(
      client.fetchQuery({ queryKey: queryKeys.allUsers, queryFn: () => Promise.reject(forbidden) }),
    ).rejects.toBe(forbidden);
    expect(client.getQueryData(queryKeys.currentUser)).toEqual(ADA);
  });
});

describe('shouldRetry', () => {
  it('asks again after network and server failures, a couple of times', () => {
    const offline = new ApiError(0, 'network_error', 'offline');
    const serverError = new ApiError(503, 'not_ready', 'not ready');
    expect(shouldRetry(0, offline)).toBe(true);
    expect(shouldRetry(1, serverError)).toBe(true);
    expect(shouldRetry(2, serverError)).toBe(false);
  });

  it('never asks again after a 4xx, which would only fail the same way', () => {
    expect(shouldRetry(0, new ApiError(404, 'not_found', 'gone'))).toBe(false);
    expect(shouldRetry(0, new ApiError(429, 'rate_limited', 'slow down'))).toBe(false);
  });
});
