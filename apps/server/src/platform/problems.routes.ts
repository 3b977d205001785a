import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors/app-error';
import { ERROR_CATALOGUE, ERROR_CODES, problemType } from './errors/catalogue';
import { problems } from './route-helpers';

const ProblemTypeDoc = z.object({
  code: z.string(),
  type: z.string(),
  status: z.number().int(),
  title: z.string(),
  description: z.string(),
});

function describe(code: (typeof ERROR_CODES)[number]) {
  return { code, type: problemType(code), ...ERROR_CATALOGUE[code] };
}

/** The error catalogue, served where each problem's `type` URI points. */
export const problemsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/problems',
    {
      config: { access: 'public' },
      schema: {
        tags: ['problems'],
        operationId: 'listProblemTypes',
        summary: 'Every error code the API can answer with',
        response: { 200: z.object({ items: z.array(ProblemTypeDoc) }) },
      },
    },
    async () => ({ items: ERROR_CODES.map(describe) }),
  );

  app.get(
    '/problems/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['problems'],
        operationId: 'getProblemType',
        summary: 'What one error code means',
        params: z.strictObject({ code: z.string().max(64) }),
        response: { 200: ProblemTypeDoc, ...problems(404) },
      },
    },
    async (request) => {
      const code = ERROR_CODES.find((known) => known === request.params.code);
      if (!code) throw new AppError('not_found', `There is no error code "${request.params.code}".`);
      return describe(code);
    },
  );
};
