import { pass, type Verdict } from '../authoring/verdict';
import type { DataFactory } from '../data/data-factory';
import type { HttpResponse } from '../http/types';
import { isSuccess, probeFailure, statusText } from './probe-failure';
import type { StoredXssOptions } from './types';

/**
 * A unique string that runs script if a page includes it unescaped.
 * @example createXssMarker('k3x9q2') // => '<script>gw_xss_k3x9q2()</script><img src=x onerror=gw_xss_k3x9q2()>'
 */
export function createXssMarker(id: string): string {
  const name = `gw_xss_${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
  return `<script>${name}()</script><img src=x onerror=${name}()>`;
}

export type XssJudgement =
  | { isVulnerable: false; reason: 'not-reflected' | 'escaped' | 'json' | 'plain-text' }
  | { isVulnerable: true; reason: 'unescaped-html' | 'unescaped-without-content-type'; mediaType: string };

/**
 * Judges a response that may contain `marker`: unescaped in HTML (or in a body with no content type,
 * which browsers sniff) is an XSS; JSON and plain text are data, which the page must escape.
 */
export function judgeXssReflection(res: HttpResponse, marker: string): XssJudgement {
  const text = res.text();
  if (!text.includes(marker)) {
    const isEscaped =
      text.includes(marker.replaceAll('<', '&lt;')) || text.includes(marker.replaceAll('<', '\\u003c'));
    return { isVulnerable: false, reason: isEscaped ? 'escaped' : 'not-reflected' };
  }
  const mediaType = res.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType === 'application/json' || /^application\/[\w.-]+\+json$/.test(mediaType)) {
    return { isVulnerable: false, reason: 'json' };
  }
  if (mediaType === 'text/plain' && res.header('x-content-type-options')?.toLowerCase() === 'nosniff') {
    return { isVulnerable: false, reason: 'plain-text' };
  }
  if (mediaType === '') return { isVulnerable: true, reason: 'unescaped-without-content-type', mediaType };
  return { isVulnerable: true, reason: 'unescaped-html', mediaType };
}

/** Stores a marker through the API, fetches where it is shown, and fails if it comes back as live HTML. */
export async function probeStoredXss(options: StoredXssOptions, data: DataFactory): Promise<Verdict> {
  const marker = createXssMarker(data.string(8));
  await options.store(marker);
  const res = await options.fetch();
  // a stored value that cannot be read back proves nothing: a server that refuses everything is not safe, just empty
  if (!isSuccess(res)) {
    return probeFailure(
      res,
      'the stored text read back (a 2xx answer), so its escaping can be judged',
      statusText(res),
      `Text saved through the API could not be read back (${statusText(res)}), so whether it is escaped cannot be judged.`,
    );
  }
  const judgement = judgeXssReflection(res, marker);
  if (!judgement.isVulnerable) return pass();
  const where =
    judgement.mediaType === '' ? 'a response with no content-type' : `a ${judgement.mediaType} page`;
  return probeFailure(
    res,
    'stored text escaped (e.g. &lt;script&gt;) wherever it is shown as HTML',
    `the raw marker ${marker} in ${where}`,
    `Text saved through the API came back unescaped in ${where}, so a visitor's browser would run it; escape output by context.`,
  );
}
