import {
  defineCheck,
  defineStage,
  describeStatus,
  expectContentType,
  expectJsonField,
  expectStatus,
  pass,
} from '@groundwork/grader';
import { TOPIC } from './topics';

const healthOk = defineCheck({
  id: 'health-ok',
  title: 'GET /health answers 200 with {"status": "ok"} as JSON',
  topic: TOPIC.http,
  async run(ctx) {
    const res = await ctx.http.get('/health');
    return (
      expectStatus(res, 200, {
        hint: `GET /health should answer 200 OK while the server is up, but it answered ${describeStatus(res.status)}.`,
      }) ??
      expectContentType(res, 'application/json', {
        topic: TOPIC.json,
        hint: `GET /health should answer a JSON object (Content-Type: application/json), but it sent ${res.header('content-type') ?? 'no Content-Type'}.`,
      }) ??
      expectJsonField(res, 'status', 'ok', { topic: TOPIC.json }) ??
      pass()
    );
  },
});

export const healthStage = defineStage({
  id: 'health',
  title: 'Health check',
  difficulty: 'beginner',
  topics: [TOPIC.http, TOPIC.json, TOPIC.whatIsAnApi],
  checks: [healthOk],
});
