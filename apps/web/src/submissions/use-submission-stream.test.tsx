import type { SubmissionStreamMessage } from '@groundwork/contracts';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../api/api-context';
import { createFakeApi, type FakeResponse, problem } from '../test/fake-api';
import { streamUrlFor, useSubmissionStream } from './use-submission-stream';

const ID = '0b7f9a52-3c1d-4e8f-9a6b-2d4c6e8f0a1b';

/** A WebSocket the test drives by hand; every one the hook opens is kept in `sockets`. */
class FakeSocket {
  static sockets: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  closedWith: number | null = null;
  constructor(readonly url: string) {
    FakeSocket.sockets.push(this);
  }
  open() {
    this.onopen?.();
  }
  receive(message: SubmissionStreamMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop(code: number) {
    this.onclose?.({ code });
  }
  close(code: number) {
    this.closedWith = code;
  }
}

const started: SubmissionStreamMessage = {
  kind: 'event',
  id: 1,
  attempt: 1,
  event: {
    type: 'run-started',
    seq: 0,
    at: '2026-03-01T12:00:00.000Z',
    project: { slug: 'url-shortener', title: 'URL shortener' },
    target: 'http://127.0.0.1:8080',
    seed: 1,
    stages: [{ id: 'health', title: 'Health' }],
  },
};
const stageStarted: SubmissionStreamMessage = {
  kind: 'event',
  id: 2,
  attempt: 1,
  event: {
    type: 'stage-started',
    seq: 1,
    at: '2026-03-01T12:00:01.000Z',
    stageId: 'health',
    title: 'Health',
    index: 0,
    total: 1,
  },
};

describe('useSubmissionStream', () => {
  beforeEach(() => {
    FakeSocket.sockets = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('opens the stream on this origin, with wss behind https', () => {
    expect(streamUrlFor(ID, { protocol: 'https:', host: 'groundwork.example' })).toBe(
      `wss://groundwork.example/api/submissions/${ID}/stream`,
    );
    expect(streamUrlFor(ID, { protocol: 'http:', host: '127.0.0.1:3000' })).toMatch(
      /^ws:\/\/127\.0\.0\.1:3000\//,
    );
  });

  it('reconnects after a dropped connection without applying the replayed history twice', () => {
    const { result } = renderHook(() => useSubmissionStream(ID, { enabled: true, onFinished: vi.fn() }));
    const first = FakeSocket.sockets[0];
    act(() => {
      first?.open();
      first?.receive(started);
    });
    expect(result.current.connection).toBe('live');
    act(() => first?.drop(1006));
    expect(result.current.connection).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(600));
    const second = FakeSocket.sockets[1];
    expect(second).toBeDefined();
    act(() => {
      second?.open();
      second?.receive(started);
      second?.receive(stageStarted);
    });
    expect(result.current.view.lastEventId).toBe(2);
    expect(result.current.view.stages).toHaveLength(1);
    expect(result.current.view.stages[0]?.state).toBe('running');
  });

  it('stops after the final status and the server’s normal close, and says so once', () => {
    const onFinished = vi.fn();
    const { result } = renderHook(() => useSubmissionStream(ID, { enabled: true, onFinished }));
    const socket = FakeSocket.sockets[0];
    act(() => {
      socket?.open();
      socket?.receive(started);
      socket?.receive({ kind: 'status', status: 'passed', attempt: 1 });
      socket?.drop(1000);
    });
    act(() => vi.advanceTimersByTime(10_000));
    expect(result.current.view.status).toBe('passed');
    expect(result.current.connection).toBe('closed');
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(FakeSocket.sockets).toHaveLength(1);
  });

  it('opens nothing for a run that had already finished', () => {
    renderHook(() => useSubmissionStream(ID, { enabled: false, onFinished: vi.fn() }));
    expect(FakeSocket.sockets).toHaveLength(0);
  });

  /** The hook with a fake API that answers the stream's URL over plain HTTP as `answer` says. */
  function renderStream(answer: () => FakeResponse) {
    const fake = createFakeApi({ [`GET /api/submissions/${ID}/stream`]: answer });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ApiProvider client={fake.client}>{children}</ApiProvider>
    );
    const hook = renderHook(() => useSubmissionStream(ID, { enabled: true, onFinished: vi.fn() }), {
      wrapper,
    });
    return { ...hook, requests: fake.requests };
  }

  it('stops reconnecting once the session has ended mid-run, and says why', async () => {
    const { result, requests } = renderStream(() => problem(401, 'unauthenticated', 'You need to sign in.'));
    const first = FakeSocket.sockets[0];
    act(() => {
      first?.open();
      first?.receive(started);
    });
    // the connection drops; the next handshake is refused because the session expired meanwhile
    act(() => first?.drop(1006));
    act(() => vi.advanceTimersByTime(600));
    act(() => FakeSocket.sockets[1]?.drop(1006));
    await vi.waitFor(() => expect(result.current.connection).toBe('refused'));
    expect(result.current.refusal).toBe('signed-out');
    expect(requests.map((request) => new URL(request.url).pathname)).toEqual([
      `/api/submissions/${ID}/stream`,
    ]);
    // what arrived before stays on the page, and no further connection is attempted
    expect(result.current.view.lastEventId).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(FakeSocket.sockets).toHaveLength(2);
  });

  it.each([
    [403, 'forbidden', 'forbidden'],
    [404, 'not_found', 'not-found'],
  ] as const)('gives up when the server refuses the stream with %i', async (status, code, refusal) => {
    const { result } = renderStream(() => problem(status, code, 'Refused.'));
    act(() => FakeSocket.sockets[0]?.drop(1006));
    await vi.waitFor(() => expect(result.current.refusal).toBe(refusal));
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(FakeSocket.sockets).toHaveLength(1);
  });

  it('keeps trying when a handshake fails but the server would accept the stream', async () => {
    const { result } = renderStream(() =>
      problem(426, 'upgrade_required', 'Open this URL with a WebSocket client.'),
    );
    act(() => FakeSocket.sockets[0]?.drop(1006));
    await vi.waitFor(() => expect(FakeSocket.sockets).toHaveLength(2));
    expect(result.current.connection).toBe('reconnecting');
    expect(result.current.refusal).toBeNull();
  });
});
