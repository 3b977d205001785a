import type { SubmissionStreamMessage } from '@groundwork/contracts';
import { useEffect, useReducer, useRef, useState } from 'react';
import { applyStreamMessage, emptyRunView, isFinalStatus, type RunView } from './run-view';

export type StreamConnection = 'connecting' | 'live' | 'reconnecting' | 'closed';

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
 * Follows a submission's run over its WebSocket: history first, then live events. A dropped connection
 * is opened again (the server replays the history and the reducer skips what it has); the server's
 * normal close after the final status ends it, and `onFinished` runs once.
 */
export function useSubmissionStream(id: string, options: { enabled: boolean; onFinished: () => void }) {
  const [view, dispatch] = useReducer(applyStreamMessage, undefined, () => emptyRunView());
  const [connection, setConnection] = useState<StreamConnection>(options.enabled ? 'connecting' : 'closed');
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

    const open = () => {
      socket = new WebSocket(streamUrlFor(id, window.location));
      socket.onopen = () => {
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
        const delay = RECONNECT_DELAYS_MS[Math.min(retries, RECONNECT_DELAYS_MS.length - 1)];
        retries += 1;
        setConnection('reconnecting');
        timer = setTimeout(open, delay);
      };
    };
    open();
    return () => {
      isStopped = true;
      clearTimeout(timer);
      socket?.close(NORMAL_CLOSURE);
    };
  }, [id, options.enabled]);

  return { view, connection };
}
