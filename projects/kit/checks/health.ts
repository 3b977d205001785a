import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJsonField,
  expectStatus,
  pass,
} from '@groundwork/grader';

export interface HealthStageOptions {
  /** The stage's roadmap topics (its check points to `http`, and to `json` for the body). */
  topics: readonly string[];
  /** Fail a wrong Content-Type with the grader's generic hint rather than one about /health. */
  hasGenericContentTypeHint?: boolean;
}

/**
 * The `health` stage every project with a health route starts with: its one check, `health-ok`,
 * wants `GET /health` to answer 200 with `{"status": "ok"}` as JSON.
 * @example stages: [healthStage({ topics: [TOPIC.http, TOPIC.json] }), ...]
 */
export function healthStage({ topics, hasGenericContentTypeHint = false }: HealthStageOptions) {
  const healthOk = defineCheck({
    id: 'health-ok',
    title: 'GET /health answers 200 with {"status": "ok"} as JSON',
    topic: 'http',
    async run(ctx) {
      const res = await ctx.http.get('/health');
      return (
        expectStatus(res, 200, {
          hint: `GET /health should answer 200 OK while the server is up, but it answered ${describeStatus(res.status)}.`,
        }) ??
        expectContentType(res, 'application/json', {
          topic: 'json',
          ...(hasGenericContentTypeHint
            ? {}
            : {
                hint: `GET /health should answer a JSON object (Content-Type: application/json), but it sent ${res.header('content-type') ?? 'no Content-Type'}.`,
              }),
        }) ??
        expectJsonField(res, 'status', 'ok', { topic: 'json' }) ??
        pass()
      );
    },
  });
  return defineStage({
    id: 'health',
    title: 'Health check',
    difficulty: 'beginner',
    topics,
    checks: [healthOk],
  });
}
