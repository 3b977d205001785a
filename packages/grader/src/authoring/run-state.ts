import { MissingStateError } from './target-error';

/**
 * Values a stage hands to later stages (a token, a created link's code). Keys are plain strings;
 * the stage that sets a key documents its type.
 */
export interface RunState {
  set(key: string, value: unknown): void;
  get<T>(key: string): T | undefined;
  has(key: string): boolean;
  /**
   * The value, or the check is reported as skipped (the stage that sets it did not run).
   * @example const token = ctx.state.require<string>('auth.token');
   */
  require<T>(key: string): T;
}

export function createRunState(): RunState {
  const values = new Map<string, unknown>();
  return {
    set: (key, value) => {
      values.set(key, value);
    },
    get: <T>(key: string) => values.get(key) as T | undefined,
    has: (key) => values.has(key),
    require<T>(key: string): T {
      if (!values.has(key)) throw new MissingStateError(key);
      return values.get(key) as T;
    },
  };
}
