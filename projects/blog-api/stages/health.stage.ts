import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJsonField,
  expectStatus,
  pass,
} from '@groundwork/grader';

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
      expectContentType(res, 'application/json', { topic: 'json' }) ??
      expectJsonField(res, 'status', 'ok', { topic: 'json' }) ??
      pass()
    );
  },
});

export const healthStage = defineStage({
  id: 'health',
  title: 'Health check',
  difficulty: 'beginner',
  topics: ['http', 'json'],
  checks: [healthOk],
});
