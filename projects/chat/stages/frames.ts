import type { WsMessage } from '@groundwork/grader';
import { type Contract, loadContract } from '../../kit/contract';
import { projectFile } from '../../kit/project-files';

/** The frame types the server sends, as asyncapi.yaml names their schemas. */
export type ServerFrameType =
  | 'ready'
  | 'subscribed'
  | 'unsubscribed'
  | 'message'
  | 'presence'
  | 'typing'
  | 'error';

const SCHEMA_OF: Record<ServerFrameType, string> = {
  ready: 'Ready',
  subscribed: 'Subscribed',
  unsubscribed: 'Unsubscribed',
  message: 'Message',
  presence: 'Presence',
  typing: 'Typing',
  error: 'Error',
};

let messages: { contract: Contract; ajv: ReturnType<Contract['createValidator']> } | undefined;

// read on first use: listing projects loads no contract
function messageContract() {
  if (!messages) {
    const contract = loadContract(projectFile('chat', 'asyncapi.yaml'), 'chat-messages');
    messages = { contract, ajv: contract.createValidator() };
  }
  return messages;
}

/** A frame's JSON object, or undefined when it is not a JSON object. */
export function frameOf(message: WsMessage): Record<string, unknown> | undefined {
  const value = message.json();
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Whether a received frame is of this type (and, given a room, about that room). */
export function isFrame(message: WsMessage, type: ServerFrameType, roomId?: string | number): boolean {
  const frame = frameOf(message);
  if (frame?.type !== type) return false;
  return roomId === undefined || isSameId(frame.roomId, roomId);
}

/**
 * What is wrong with a frame by asyncapi.yaml's schema for its type, in one phrase; undefined when it
 * follows the contract.
 * @example frameProblem(frame, 'message') // 'seq must be integer'
 */
export function frameProblem(frame: unknown, type: ServerFrameType): string | undefined {
  const { contract, ajv } = messageContract();
  const validate = ajv.getSchema(`${contract.id}#/components/schemas/${SCHEMA_OF[type]}`);
  if (!validate) throw new Error(`asyncapi.yaml has no schema ${SCHEMA_OF[type]}`);
  if (validate(frame)) return undefined;
  return ajv.errorsText(validate.errors, { dataVar: 'the frame', separator: '; ' });
}

/** Two ids name the same thing: the contract allows 42 and "42" alike. */
export function isSameId(actual: unknown, expected: unknown): boolean {
  return (
    (typeof actual === 'string' || typeof actual === 'number') &&
    (typeof expected === 'string' || typeof expected === 'number') &&
    String(actual) === String(expected)
  );
}

/** A frame's `seq`, when it is a positive integer. */
export function seqOf(message: WsMessage): number | undefined {
  const seq = frameOf(message)?.seq;
  return Number.isInteger(seq) && (seq as number) > 0 ? (seq as number) : undefined;
}

/** A frame as a hint quotes it: its JSON, cut short. */
export function quoteFrame(message: WsMessage): string {
  const text = message.text();
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
