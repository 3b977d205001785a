import type { SubmissionStreamMessage } from '@groundwork/contracts';
import { useEffect, useReducer, useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import type { ApiClient } from '../api/client';
import { applyStreamMessage, emptyRunView, isFinalStatus, type RunView } from './run-view';

/** `refused`: the server will not stream this run to us any more (see `refusal` for why); no more tries. */
export type StreamConnection = 'connecting' | 'live' | 'reconnecting' | 'closed' | 'refused';

/** Why the server refused the stream: the session ended (401), not allowed (403), no such run (404). */
export type StreamRefusal = 'signed-out' | 'forbidden' | 'not-found';

const REFUSALS: ReadonlyMap<number, StreamRefusal> = new Map([
  [401, 'signed-out'],
  [403, 'forbidden'],
  [404, 'not-found'],
]);

const RECONNECT_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const NORMAL_CLOSURE = 1000;

/** The WebSocket address of a submission's stream on this page's origin. */
export function streamUrlFor(id: string, location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/submissions/${encodeURIComponent(id)}/stream`;
}

function parseMessage(data: unknown): SubmissionStreamMessage | null {
  if (typeof data !== 'string') return null;
  try {
    const message = JSON.parse(data) as SubmissionStreamMessage;
    return message.kind === 'event' || message.kind === 'status' ? message : null;
  } catch {
    return null;
  }
}

/**
 * Why the stream's handshake failed, or null when it would be accepted (or the server can't be reached).
 * The server refuses with an HTTP status before the upgrade, which browsers hide from WebSocket code, so
 * the same URL is asked over plain HTTP: the same checks run, and an accepted request gets 426.
 */
export async function findStreamRefusal(api: ApiClient, id: string): Promise<StreamRefusal | null> {
  try {
    const { response } = await api.GET('/api/submissions/{submissionId}/stream', {
      params: { path: { submissionId: id } },
    });
    return REFUSALS.get(response.status) ?? null;
  } catch {
    return null;
  }
}

/**
 * Follows a submission's run over its WebSocket: history first, then live events. A dropped connection
 * is opened again (the server replays the history and the reducer skips what it has); the server's
 * normal close after the final status ends it, and `onFinished` runs once. A connection that fails before
 * opening is checked over HTTP: if the server refuses it (the session ended, say), no more tries are made.
 */
export function useSubmissionStream(id: string, options: { enabled: boolean; onFinished: () => void }) {
  const api = useApi();
  const [view, dispatch] = useReducer(applyStreamMessage, undefined, () => emptyRunView());
  const [connection, setConnection] = useState<StreamConnection>(options.enabled ? 'connecting' : 'closed');
  const [refusal, setRefusal] = useState<StreamRefusal | null>(null);
  const onFinished = useRef(options.onFinished);
  onFinished.current = options.onFinished;
  const lastView = useRef<RunView>(view);
  lastView.current = view;

  useEffect(() => {
    if (!options.enabled) return undefined;
    let socket: WebSocket | null = null;
    let retries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isStopped = false;
    let hasFinished = false;

    const finish = () => {
      if (hasFinished) return;
      hasFinished = true;
      setConnection('closed');
      onFinished.current();
    };

    const retryLater = () => {
      const delay = RECONNECT_DELAYS_MS[Math.min(retries, RECONNECT_DELAYS_MS.length - 1)];
      retries += 1;
      setConnection('reconnecting');
      timer = setTimeout(open, delay);
    };

    const open = () => {
      let hasOpened = false;
      socket = new WebSocket(streamUrlFor(id, window.location));
      socket.onopen = () => {
        hasOpened = true;
        retries = 0;
        setConnection('live');
      };
      socket.onmessage = (message) => {
        const parsed = parseMessage(message.data);
        if (!parsed) return;
        dispatch(parsed);
        if (parsed.kind === 'status' && isFinalStatus(parsed.status)) finish();
      };
      socket.onclose = (event) => {
        if (isStopped || hasFinished) return;
        if (event.code === NORMAL_CLOSURE && isFinalStatus(lastView.current.status)) return finish();
        // a drop after opening is the network's doing; a handshake that failed may be a refusal
        if (hasOpened) return retryLater();
        setConnection('reconnecting');
        void findStreamRefusal(api, id).then((found) => {
          if (isStopped) return;
          if (found === null) return retryLater();
          setRefusal(found);
          setConnection('refused');
        });
      };
    };
    open();
    return () => {
      isStopped = true;
      clearTimeout(timer);
      socket?.close(NORMAL_CLOSURE);
    };
  }, [api, id, options.enabled]);

  return { view, connection, refusal };
}
