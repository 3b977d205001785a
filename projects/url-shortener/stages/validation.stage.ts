import { defineCheck, defineStage } from '@groundwork/grader';
import { expectRejected } from './rejection';
import { TOPIC } from './topics';

const missingUrl400 = defineCheck({
  id: 'missing-url-400',
  title: 'POST /links without a url answers 400 naming url',
  topic: TOPIC.inputValidation,
  run: (ctx) => expectRejected(ctx, [{ body: {}, field: 'url', rule: 'url is required' }]),
});

const invalidUrl400 = defineCheck({
  id: 'invalid-url-400',
  title: 'POST /links with a url that is not an absolute URL answers 400 naming url',
  topic: TOPIC.inputValidation,
  run: (ctx) =>
    expectRejected(
      ctx,
      ['not a url', 'http://', '', 42].map((url) => ({
        body: { url },
        field: 'url',
        rule: 'url must be an absolute http(s) URL with a host',
      })),
    ),
});

const unsafeScheme400 = defineCheck({
  id: 'unsafe-scheme-400',
  title: 'POST /links refuses javascript:, data:, ftp: and file: URLs with 400 naming url',
  topic: TOPIC.crossSiteScripting,
  run: (ctx) =>
    expectRejected(
      ctx,
      [
        'javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'ftp://example.com/file',
        'file:///etc/passwd',
      ].map((url) => ({
        body: { url },
        field: 'url',
        rule: 'only http and https links are safe to hand out',
      })),
    ),
});

export const validationStage = defineStage({
  id: 'validation',
  title: 'Validation',
  difficulty: 'beginner',
  topics: [TOPIC.inputValidation, TOPIC.crossSiteScripting, TOPIC.errorHandling, TOPIC.httpStatusCodes],
  checks: [missingUrl400, invalidUrl400, unsafeScheme400],
});
