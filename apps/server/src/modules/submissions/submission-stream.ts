import type { SubmissionStatus, SubmissionStreamMessage } from '@groundwork/contracts';
import type { Db } from '../../db/database';
import type { LiveMessage } from './live-messages';
import { listEventsAfter } from './submission-events.repository';
import type { SubmissionHub } from './submission-hub';
import { findSubmission, isFinalStatus } from './submissions.repository';

export type StreamSink = {
  send(message: SubmissionStreamMessage): void;
  /** The run is over and everything was sent. */
  end(): void;
};

/**
 * Streams one submission to one client: where it stands, then the current attempt's history from the
 * database, then live messages. Live messages that arrive while the history is read wait their turn,
 * every event is sent once, in order, and a gap (a message lost, or an event too big to travel inline)
 * is filled from the database, where every event is stored before it is announced.
 * Returns the function that stops the stream (the client went away).
 */
export async function streamSubmission(options: {
  db: Db;
  hub: SubmissionHub;
  submissionId: string;
  sink: StreamSink;
}): Promise<() => void> {
  const { db, hub, submissionId, sink } = options;
  let attempt = 0;
  let lastSeq = -1;
  let isDone = false;
  let held: LiveMessage[] | undefined = [];
  let queue: Promise<void> = Promise.resolve();

  const stop = hub.listen(submissionId, (message) => {
    if (held) held.push(message);
    else enqueue(message);
  });

  function enqueue(message: LiveMessage) {
    queue = queue.then(() => handle(message)).catch(() => finish());
  }

  function finish() {
    if (isDone) return;
    isDone = true;
    stop();
    sink.end();
  }

  async function catchUp() {
    for (const stored of await listEventsAfter(db, submissionId, attempt, lastSeq)) {
      if (isDone) return;
      sink.send({ kind: 'event', id: stored.seq, attempt, event: stored.event });
      lastSeq = stored.seq;
    }
  }

  function startAttempt(next: number) {
    attempt = next;
    lastSeq = -1;
  }

  async function sendStatus(status: SubmissionStatus) {
    // a status follows its attempt's events, so nothing before it may be missing
    await catchUp();
    if (isDone) return;
    sink.send({ kind: 'status', status, attempt });
    if (isFinalStatus(status)) finish();
  }

  async function handle(message: LiveMessage) {
    if (isDone || message.attempt < attempt) return;
    if (message.attempt > attempt) startAttempt(message.attempt);
    if (message.kind === 'status') return sendStatus(message.status);
    if (message.seq <= lastSeq) return;
    if (message.seq === lastSeq + 1 && message.event) {
      sink.send({ kind: 'event', id: message.seq, attempt, event: message.event });
      lastSeq = message.seq;
      return;
    }
    await catchUp();
  }

  try {
    // the listener is attached before the submission is read, so nothing falls between the two
    const row = await findSubmission(db, submissionId);
    if (!row) {
      finish();
      return () => {};
    }
    startAttempt(row.attempt);
    await sendStatus(row.status);
  } catch (error) {
    finish();
    throw error;
  }
  const waiting = held;
  held = undefined;
  for (const message of waiting) enqueue(message);
  return finish;
}
