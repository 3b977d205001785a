/** True when the reader asked the system for less motion: animated pans and scrolls then jump instead. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** `durationMs`, or 0 for readers who prefer less motion. */
export function motionDuration(durationMs: number): number {
  return prefersReducedMotion() ? 0 : durationMs;
}
