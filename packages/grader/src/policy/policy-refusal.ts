/** Thrown (or handed to a connect callback) when the target policy refuses an address. */
export class PolicyRefusal extends Error {
  readonly code = 'GW_POLICY_REFUSED';
  /** True when the name did not resolve at all (the target is unreachable rather than forbidden). */
  readonly isUnresolvable: boolean;
  constructor(message: string, { isUnresolvable = false } = {}) {
    super(message);
    this.isUnresolvable = isUnresolvable;
    this.name = 'PolicyRefusal';
  }
}

export function isPolicyRefusal(error: unknown): error is PolicyRefusal {
  if (error instanceof PolicyRefusal) return true;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause !== undefined && cause !== error && isPolicyRefusal(cause);
}
