import { ProjectDetail, ProjectSummary } from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error';
import { problems } from '../../platform/route-helpers';
import type { ProjectsService } from './projects.service';

const ProjectParams = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]{1,64}$/, { message: 'Use a project slug such as url-shortener' }),
});

export const projectsRoutes: FastifyPluginAsyncZod<{ projects: ProjectsService }> = async (
  app,
  { projects },
) => {
  // the same URL answers differently per caller: a shared cache must not mix them up
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('vary', 'cookie, authorization');
    done(null, payload);
  });

  app.get(
    '/api/projects',
    {
      config: { access: 'optional' },
      schema: {
        tags: ['projects'],
        operationId: 'listProjects',
        summary: 'The projects, with their stages; signed in, also your best result on each',
        response: { 200: z.object({ items: z.array(ProjectSummary) }), ...problems(401) },
      },
    },
    async (request) => ({ items: await projects.list(request.principal?.user.id) }),
  );

  app.get(
    '/api/projects/:slug',
    {
      config: { access: 'optional' },
      schema: {
        tags: ['projects'],
        operationId: 'getProject',
        summary: 'One project: its spec (rendered), stages and checks; signed in, also your best result',
        params: ProjectParams,
        response: { 200: ProjectDetail, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const project = await projects.get(request.params.slug, request.principal?.user.id);
      if (!project) throw new AppError('not_found', `There is no project "${request.params.slug}".`);
      return project;
    },
  );

  app.get(
    '/api/projects/:slug/contract',
    {
      config: { access: 'public' },
      schema: {
        tags: ['projects'],
        operationId: 'getProjectContract',
        summary: 'The API contract of a project (OpenAPI 3.1, YAML)',
        params: ProjectParams,
        produces: ['application/yaml'],
        response: { 200: z.string().describe('The OpenAPI document.'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const yaml = projects.contract(request.params.slug);
      if (yaml === undefined)
        throw new AppError('not_found', `There is no project "${request.params.slug}".`);
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `inline; filename="${request.params.slug}.openapi.yaml"`)
        .send(yaml);
    },
  );

  app.get(
    '/api/projects/:slug/messages-contract',
    {
      config: { access: 'public' },
      schema: {
        tags: ['projects'],
        operationId: 'getProjectMessagesContract',
        summary: 'The WebSocket message contract of a project (AsyncAPI 3.0, YAML)',
        params: ProjectParams,
        produces: ['application/yaml'],
        response: { 200: z.string().describe('The AsyncAPI document.'), ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const yaml = projects.messagesContract(request.params.slug);
      if (yaml === undefined) {
        throw new AppError(
          'not_found',
          `There is no project "${request.params.slug}" with a WebSocket message contract.`,
        );
      }
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `inline; filename="${request.params.slug}.asyncapi.yaml"`)
        .send(yaml);
    },
  );
};
