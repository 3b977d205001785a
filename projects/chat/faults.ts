import type { ProjectFault } from '../kit/project';

/**
 * Bugs that `startReference({ fault })` switches on in the reference solution. Each one is a mistake learners
 * really make; the check named here must fail on it, and no other stage may fail.
 * In the reference code each fault is one branch, found by searching for its id.
 */
export const FAULTS = [
  {
    id: 'health-not-json',
    stage: 'health',
    check: 'health-ok',
    description: 'GET /health answers 200 with the text "OK" as text/plain instead of a JSON object.',
  },
  {
    id: 'register-returns-200',
    stage: 'accounts',
    check: 'register-201',
    description: 'POST /auth/register answers 200 OK instead of 201 Created.',
  },
  {
    id: 'username-case-sensitive',
    stage: 'accounts',
    check: 'register-duplicate-409',
    description:
      'Usernames are stored as typed, so "ADA" registers as a second account next to "ada" instead of a 409.',
  },
  {
    id: 'login-token-unusable',
    stage: 'accounts',
    check: 'login-returns-token',
    description: 'Sessions store the raw token, but requests look up its SHA-256: no token ever works.',
  },
  {
    id: 'login-verify-not-awaited',
    stage: 'accounts',
    check: 'login-rejects-bad-password',
    description: 'The password check is not awaited, and a pending promise is truthy: any password logs in.',
  },
  {
    id: 'get-room-public',
    stage: 'rooms',
    check: 'rooms-need-token',
    description: 'GET /rooms/{id} answers the room to anyone, with or without a token.',
  },
  {
    id: 'create-room-missing-location',
    stage: 'rooms',
    check: 'create-room-201',
    description: 'POST /rooms answers 201 without a Location header.',
  },
  {
    id: 'join-ignores-caller',
    stage: 'rooms',
    check: 'join-room',
    description:
      "Joining inserts the room's creator instead of the caller (a copy-paste from creating a room), so nobody new ever joins.",
  },
  {
    id: 'leave-wrong-parameter',
    stage: 'rooms',
    check: 'leave-room',
    description:
      "Leaving deletes the membership of the user whose id is the room's id: it answers 204 and the caller stays a member.",
  },
  {
    id: 'members-public',
    stage: 'rooms',
    check: 'members-only-members',
    description: "Any signed-in user may list a room's members, member or not.",
  },
  {
    id: 'ready-without-user',
    stage: 'handshake',
    check: 'ws-ready',
    description: 'The first frame is {"type": "ready"} without the user the token belongs to.',
  },
  {
    id: 'ws-bad-token-left-open',
    stage: 'handshake',
    check: 'ws-refuses-bad-token',
    description:
      'A handshake without a valid token is upgraded and answered with an "unauthenticated" error frame, but the socket is never closed.',
  },
  {
    id: 'origin-not-checked',
    stage: 'handshake',
    check: 'ws-refuses-cross-site-origin',
    description:
      "The Origin header is never looked at, so any site's page can open a WebSocket as its visitor.",
  },
  {
    id: 'origin-allowlist-only',
    stage: 'handshake',
    check: 'ws-accepts-own-origin',
    description:
      "Only the origins in CHAT_ALLOWED_ORIGINS are accepted: the server's own pages are refused with 403.",
  },
  {
    id: 'subscribed-without-last-seq',
    stage: 'messaging',
    check: 'subscribe-acknowledged',
    description: 'The "subscribed" frame leaves out lastSeq.',
  },
  {
    id: 'client-id-dropped',
    stage: 'messaging',
    check: 'message-reaches-members',
    description:
      "The insert leaves out client_id, so the broadcast message never echoes the sender's clientId.",
  },
  {
    id: 'sender-echoed-twice',
    stage: 'messaging',
    check: 'sender-gets-one-copy',
    description:
      "After broadcasting to the room's subscribers, the server also sends the message back to the sender: a subscribed sender gets it twice.",
  },
  {
    id: 'seq-global',
    stage: 'messaging',
    check: 'seq-per-room',
    description:
      'seq is one counter for the whole server (the largest seq of any room, plus one), not one per room.',
  },
  {
    id: 'post-without-membership',
    stage: 'messaging',
    check: 'non-member-refused',
    description:
      'A message frame is stored and broadcast without checking that the sender is a member of the room.',
  },
  {
    id: 'bad-frame-ignored',
    stage: 'messaging',
    check: 'bad-frame-answered',
    description:
      'A frame that is not JSON, or has an unknown type, is dropped silently instead of answered with "bad-frame".',
  },
  {
    id: 'seq-read-then-write',
    stage: 'ordering',
    check: 'concurrent-senders-one-order',
    description:
      "The next seq is read (SELECT last_seq) and written back in separate statements, outside any transaction or per-room queue: two members posting at once take the same seq, and the unique index turns the loser's message into an error.",
  },
  {
    id: 'since-ignored',
    stage: 'recovery',
    check: 'resume-delivers-missed',
    description:
      'subscribe ignores since: a reconnecting client gets only live messages, and what it missed is lost.',
  },
  {
    id: 'since-inclusive',
    stage: 'recovery',
    check: 'resume-no-duplicates',
    description:
      'The backlog is read with seq >= since instead of seq > since: the last message the client had comes again.',
  },
  {
    id: 'since-zero-ignored',
    stage: 'recovery',
    check: 'random-reconnections',
    description:
      'since is tested for truthiness (`if (since)`), so "since": 0 means live only: a reader that subscribes with since 0 after the first messages misses them.',
  },
  {
    id: 'history-oldest-first',
    stage: 'history',
    check: 'history-newest-first',
    description: 'The history query sorts by seq ascending: pages start with the oldest message.',
  },
  {
    id: 'history-offset-cursor',
    stage: 'history',
    check: 'history-cursor-pages',
    description:
      'The cursor is an OFFSET: a message posted between two page reads shifts the rows, and one message comes back twice.',
  },
  {
    id: 'history-open-to-all',
    stage: 'history',
    check: 'history-members-only',
    description: "Any signed-in user may read a room's history, member or not.",
  },
  {
    id: 'history-limit-clamped',
    stage: 'history',
    check: 'history-limit-validated',
    description:
      'limit is squeezed into 1–100 (and "many" read as the default) instead of refused with a 400 naming limit.',
  },
  {
    id: 'presence-online-missing',
    stage: 'presence',
    check: 'presence-online',
    description: 'Nothing tells a room that a member came online: no presence frame when they subscribe.',
  },
  {
    id: 'offline-missing-on-close',
    stage: 'presence',
    check: 'presence-offline',
    description:
      'Only an unsubscribe frame announces "offline": a member whose connection closes stays online for the others.',
  },
  {
    id: 'members-online-always-false',
    stage: 'presence',
    check: 'members-show-online',
    description: 'GET /rooms/{id}/members answers "online": false for everyone, subscribed or not.',
  },
  {
    id: 'typing-echoed-to-typist',
    stage: 'presence',
    check: 'typing-forwarded',
    description: "Typing notices go to every subscribed connection, the typist's own included.",
  },
  {
    id: 'typing-not-rate-limited',
    stage: 'presence',
    check: 'typing-rate-limited',
    description: 'Every typing notice is forwarded, however many a member sends.',
  },
  {
    id: 'no-max-payload',
    stage: 'limits',
    check: 'oversized-refused',
    description:
      'The WebSocket has no frame size limit: a 70 KiB frame is read whole and answered "invalid-message", never refused as too large.',
  },
  {
    id: 'presence-to-all-rooms',
    stage: 'limits',
    check: 'rooms-isolated',
    description:
      "Presence frames go to the subscribers of every room, not just the member's room: other rooms' traffic leaks.",
  },
  {
    id: 'logout-keeps-sockets',
    stage: 'limits',
    check: 'logout-closes-sockets',
    description:
      'Logging out revokes the token for REST, but the WebSockets opened with it stay open and keep posting.',
  },
  {
    id: 'leave-keeps-subscriptions',
    stage: 'limits',
    check: 'left-room-silenced',
    description:
      "Leaving a room removes the membership but not the member's subscriptions: their open socket still gets the room's messages.",
  },
  {
    id: 'no-server-pings',
    stage: 'liveness',
    check: 'server-pings',
    description: 'The server never pings, so it cannot tell a dead peer from an idle one.',
  },
  {
    id: 'no-auto-pong',
    stage: 'liveness',
    check: 'answers-pings',
    description: "The WebSocket server is set up with autoPong off, and nothing answers the client's pings.",
  },
  {
    id: 'dead-peers-kept',
    stage: 'liveness',
    check: 'drops-dead-peer',
    description: 'The server pings every connection but never drops one that stopped answering.',
  },
  {
    id: 'broadcast-awaits-each-send',
    stage: 'slow-consumers',
    check: 'others-unaffected',
    description:
      "The broadcast awaits each socket's send callback before the next: one member who stops reading holds up the whole room.",
  },
  {
    id: 'no-send-buffer-limit',
    stage: 'slow-consumers',
    check: 'slow-consumer-bounded',
    description:
      "Nothing looks at a socket's buffered amount: a member who stops reading has every message buffered for them, without bound.",
  },
  {
    id: 'fanout-polls-database',
    stage: 'fan-out',
    check: 'fan-out-latency',
    description:
      'Messages are not pushed when stored: a timer looks for new ones every 500 ms, so each waits 250 ms on average.',
  },
] as const satisfies readonly ProjectFault[];

export type FaultId = (typeof FAULTS)[number]['id'];

export function isFaultId(value: string): value is FaultId {
  return FAULTS.some((fault) => fault.id === value);
}
