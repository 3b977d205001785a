import type { Dispatcher } from 'undici';

/**
 * An interceptor that calls `onStarted` when the first byte of the response arrives, before its status
 * line and headers are complete, so a timeout can tell a server that never answered from one that
 * answered too slowly. undici's only per-request signal for this is the legacy `onResponseStarted`
 * hook, which it still forwards to new-style handlers; were it dropped, timeouts would read "no response".
 * @example const response = await pool.compose(notifyResponseStart(() => (hasStarted = true))).request(options);
 */
export function notifyResponseStart(onStarted: () => void): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) =>
    dispatch(options, {
      onRequestStart: (...args) => handler.onRequestStart?.(...args),
      onRequestUpgrade: (...args) => handler.onRequestUpgrade?.(...args),
      onResponseStart: (...args) => handler.onResponseStart?.(...args),
      onResponseData: (...args) => handler.onResponseData?.(...args),
      onResponseEnd: (...args) => handler.onResponseEnd?.(...args),
      onResponseError: (...args) => handler.onResponseError?.(...args),
      onResponseStarted: onStarted,
    });
}
