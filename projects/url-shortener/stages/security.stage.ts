import {
  type CheckContext,
  defineCheck,
  defineStage,
  describeStatus,
  expectRedirect,
  expectStatus,
  type Failure,
  fail,
  type HttpResponse,
  judgeXssReflection,
  pass,
} from '@groundwork/grader';
import { expectJsonError } from '../../kit/checks/problem-body';
import { internalsLeakFailure } from './internals-leak';
import {
  ALLOWED_REDIRECTS,
  ensureLink,
  isFailure,
  linkFromResponse,
  postLink,
  uniqueTargetUrl,
} from './link-requests';
import { TOPIC } from './topics';

const PURPOSE = 'the security checks have a real code to work with';
const XSS_PAYLOAD = '<img src=x onerror=alert(1)>';
/** The two lookups a code reaches: the stats read and the redirect. */
const CODE_PREFIXES = ['/links/', '/'] as const;

const sqliCodeParam = defineCheck({
  id: 'sqli-code-param',
  title: 'Codes that look like SQL are just unknown codes (404), and the links still work afterwards',
  topic: TOPIC.sqlInjection,
  async run(ctx) {
    const link = await ensureLink(ctx, PURPOSE);
    if (isFailure(link)) return link;
    for (const prefix of CODE_PREFIXES) {
      const answers: Array<{ res: HttpResponse; request: string }> = [];
      const verdict = await ctx.probes.sqlInjection({
        description: `the code in GET ${prefix}{code}`,
        async send(code) {
          const res = await ctx.http.get(`${prefix}${encodeURIComponent(code)}`);
          answers.push({ res, request: `GET ${prefix}${code}` });
          return res;
        },
      });
      if (verdict.status !== 'pass') return verdict;
      // the probe judges errors and changed logic; the spec also wants every payload answered as an unknown code
      for (const { res, request } of answers) {
        const failure = expectJsonError(res, {
          status: [404, 400],
          request,
          ...(res.status < 400
            ? { why: 'the code reached the SQL as text, so pass it as a query parameter ($1 or ?) instead' }
            : {}),
        });
        if (failure) return failure;
      }
    }
    const stats = await ctx.http.get(`/links/${link.code}`);
    const statsFailure = expectStatus(stats, 200, {
      hint: `After the injection attempts, GET /links/${link.code} should still answer 200 OK with the link, but it answered ${describeStatus(stats.status)}.`,
    });
    if (statsFailure) return statsFailure;
    const followed = await ctx.http.get(`/${link.code}`);
    return (
      expectRedirect(
        followed,
        { statuses: ALLOWED_REDIRECTS, location: link.url },
        {
          hint: `After the injection attempts, GET /${link.code} should still redirect to ${link.url}, but it answered ${describeStatus(followed.status)}${followed.header('location') ? ` to ${followed.header('location')}` : ''}.`,
        },
      ) ?? pass()
    );
  },
});

const sqliAliasCreate = defineCheck({
  id: 'sqli-alias-create',
  title: 'An alias that carries SQL is refused by the alias rules (400) or stored as data, never run',
  topic: TOPIC.sqlInjection,
  async run(ctx) {
    // refusing everything is not safety: a plain alias must be stored before SQL in one proves anything
    const body = { url: uniqueTargetUrl(ctx), alias: ctx.data.slug() };
    const plain = linkFromResponse(
      await postLink(ctx, body),
      body,
      'aliases that carry SQL can be compared with it',
    );
    if (isFailure(plain)) return plain;
    return ctx.probes.sqlInjection({
      description: 'the alias in POST /links',
      send: (alias) => postLink(ctx, { url: uniqueTargetUrl(ctx), alias }),
    });
  },
});

/** The responses every kind of answer gives: a success, a creation, a refusal, a redirect, a 404. */
async function sampleResponses(ctx: CheckContext): Promise<HttpResponse[] | Failure> {
  const link = await ensureLink(ctx, PURPOSE);
  if (isFailure(link)) return link;
  return [
    await ctx.http.get('/health'),
    await postLink(ctx, { url: uniqueTargetUrl(ctx) }),
    await postLink(ctx, {}),
    await ctx.http.get(`/${link.code}`),
    await ctx.http.get(`/links/${ctx.data.string(12)}`),
  ];
}

function describeAnswer(res: HttpResponse): string {
  return `the ${describeStatus(res.status)} answer to ${res.method} ${new URL(res.url).pathname}`;
}

const securityHeaders = defineCheck({
  id: 'security-headers',
  title: 'Every response sends X-Content-Type-Options: nosniff, and none advertises the server’s software',
  topic: TOPIC.securityHeaders,
  async run(ctx) {
    const responses = await sampleResponses(ctx);
    if (isFailure(responses)) return responses;
    for (const res of responses) {
      const nosniff = res.header('x-content-type-options');
      if (nosniff?.trim().toLowerCase() !== 'nosniff') {
        return fail({
          expected: 'x-content-type-options: nosniff',
          actual:
            nosniff === undefined ? 'no x-content-type-options header' : `x-content-type-options: ${nosniff}`,
          hint: `${capitalise(describeAnswer(res))} should carry X-Content-Type-Options: nosniff (every response should, errors and redirects too), but it ${nosniff === undefined ? 'has none' : `says "${nosniff}"`}.`,
          exchange: res.exchange,
        });
      }
      const poweredBy = res.header('x-powered-by');
      if (poweredBy !== undefined) {
        return fail({
          expected: 'no x-powered-by header',
          actual: `x-powered-by: ${poweredBy}`,
          hint: `${capitalise(describeAnswer(res))} should not send X-Powered-By, but it sends "${poweredBy}", which tells attackers what software to target.`,
          exchange: res.exchange,
        });
      }
      const server = res.header('server');
      if (server !== undefined && /\d/.test(server)) {
        return fail({
          expected: 'a Server header without a version, or none',
          actual: `server: ${server}`,
          hint: `${capitalise(describeAnswer(res))} should not name a software version in its Server header, but it sends "${server}".`,
          exchange: res.exchange,
        });
      }
    }
    return pass();
  },
});

const noStackTraces = defineCheck({
  id: 'no-stack-traces',
  title: 'Errors are JSON without stack traces, file paths or exception names',
  topic: TOPIC.errorHandling,
  async run(ctx) {
    const probes: Array<{ send: () => Promise<HttpResponse>; status: number[]; request: string }> = [
      {
        send: () =>
          ctx.http.post('/links', { body: '{"url":', headers: { 'content-type': 'application/json' } }),
        status: [400],
        request: 'POST /links with the malformed JSON {"url":',
      },
      { send: () => ctx.http.get('/no/such/path'), status: [404], request: 'GET /no/such/path' },
      {
        send: () =>
          ctx.http.post('/links', {
            body: '<link url="https://example.com/"/>',
            headers: { 'content-type': 'application/xml' },
          }),
        status: [400, 415],
        request: 'POST /links with an XML body',
      },
    ];
    for (const probe of probes) {
      const res = await probe.send();
      const failure =
        expectJsonError(res, { status: probe.status, request: probe.request }) ??
        internalsLeakFailure(res, probe.request);
      if (failure) return failure;
    }
    return pass();
  },
});

const noReflectedHtml = defineCheck({
  id: 'no-reflected-html',
  title: 'Input that looks like HTML never comes back as live HTML, even to a browser',
  topic: TOPIC.crossSiteScripting,
  async run(ctx) {
    // a real link first: a server that answers 404 to everything echoes nothing, and proves nothing either
    const link = await ensureLink(ctx, PURPOSE);
    if (isFailure(link)) return link;
    const request = `GET /${XSS_PAYLOAD} (Accept: text/html)`;
    const res = await ctx.http.get(`/${encodeURIComponent(XSS_PAYLOAD)}`, {
      headers: { accept: 'text/html' },
    });
    const statusFailure = expectStatus(res, 404, {
      topic: TOPIC.httpStatusCodes,
      hint: `${request} should answer 404 Not Found, as for any unknown code, but it answered ${describeStatus(res.status)}.`,
    });
    if (statusFailure) return statusFailure;
    const judgement = judgeXssReflection(res, XSS_PAYLOAD);
    if (!judgement.isVulnerable) return pass();
    return fail({
      expected: 'the payload escaped (&lt;img …) or an answer that is not HTML',
      actual: `the raw payload ${XSS_PAYLOAD} in a ${judgement.mediaType || 'response with no content type'}`,
      hint: `${request} sent the code back unescaped in ${judgement.mediaType || 'a response with no content type'}, so a browser would run it: answer errors as JSON, or escape what you echo.`,
      exchange: res.exchange,
    });
  },
});

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

export const securityStage = defineStage({
  id: 'security',
  title: 'Security',
  difficulty: 'intermediate',
  needs: ['create-link', 'redirect', 'not-found'],
  topics: [
    TOPIC.sqlInjection,
    TOPIC.securityHeaders,
    TOPIC.crossSiteScripting,
    TOPIC.errorHandling,
    TOPIC.owaspTopTen,
    TOPIC.httpStatusCodes,
  ],
  checks: [sqliCodeParam, sqliAliasCreate, securityHeaders, noStackTraces, noReflectedHtml],
});
