/** The bounds every load measurement keeps, HTTP or WebSocket: the grader never runs unbounded load. */
export const MAX_LOAD_DURATION_MS = 60_000;
export const MAX_LOAD_RATE_PER_SECOND = 5_000;
