import type { HttpResponse } from '../http/types';

/**
 * Why a body that is not JSON may still be JSON underneath: a Content-Encoding the grader does not
 * undo (it never decompresses, so a gzip bomb costs it nothing). Undefined for a plain body.
 * @example describeCompression(res) // 'compressed with gzip (content-encoding: gzip) although the request did not ask for compression'
 */
export function describeCompression(res: HttpResponse): string | undefined {
  const encoding = res.header('content-encoding')?.trim().toLowerCase();
  if (encoding === undefined || encoding === '' || encoding === 'identity') return undefined;
  const isAsked = res.exchange.request.headers['accept-encoding'] !== undefined;
  return `compressed with ${encoding} (content-encoding: ${encoding}) ${
    isAsked ? 'and the grader reads bodies as sent' : 'although the request did not ask for compression'
  }`;
}
