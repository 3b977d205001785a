import {
  type GradingEvent,
  type SubmissionStatus,
  SubmissionStreamMessage,
  submissionStreamPath,
} from '@groundwork/contracts';
import WebSocket from 'ws';

const FINAL_STATUSES: readonly SubmissionStatus[] = ['passed', 'failed', 'error', 'cancelled'];
const CONNECT_TIMEOUT_MS = 15_000;

export type RemoteRunHandlers = {
  /** A grading event of the current attempt, in order, each once. */
  onEvent(event: GradingEvent): void;
  /** A worker died and another started the run again from the beginning. */
  onNewAttempt(attempt: number): void;
  onStatus(status: SubmissionStatus): void;
};

/**
 * Follows a server-side run over its WebSocket until its final status, which it resolves with.
 * Rejects when the stream cannot be opened or breaks before the end.
 */
export function followRemoteRun(
  baseUrl: string,
  token: string,
  submissionId: string,
  handlers: RemoteRunHandlers,
): Promise<SubmissionStatus> {
  const url = new URL(submissionStreamPath(submissionId), baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url, {
    headers: { authorization: `Bearer ${token}` },
    handshakeTimeout: CONNECT_TIMEOUT_MS,
    maxPayload: 4 * 1024 * 1024,
  });
  let attempt: number | undefined;
  let finalStatus: SubmissionStatus | undefined;
  return new Promise((resolve, reject) => {
    socket.on('message', (data) => {
      const parsed = SubmissionStreamMessage.safeParse(JSON.parse(String(data)));
      if (!parsed.success) return;
      const message = parsed.data;
      if (attempt !== undefined && message.attempt > attempt) handlers.onNewAttempt(message.attempt);
      attempt = message.attempt;
      if (message.kind === 'event') handlers.onEvent(message.event);
      else {
        handlers.onStatus(message.status);
        if (FINAL_STATUSES.includes(message.status)) finalStatus = message.status;
      }
    });
    socket.on('unexpected-response', (_request, response) => {
      reject(new Error(`the server answered ${response.statusCode} instead of opening the live stream`));
      socket.terminate();
    });
    socket.on('error', (error) => reject(error));
    socket.on('close', () => {
      if (finalStatus) resolve(finalStatus);
      else reject(new Error('the live stream closed before the run finished'));
    });
  });
}
