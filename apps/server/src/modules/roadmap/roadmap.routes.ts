import { ContentSlug, PageDetail, PageSummary, RoadmapView, TopicDetail } from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error';
import { isNotModified } from '../../platform/etag';
import { problems } from '../../platform/route-helpers';
import { type RoadmapStore, requireRoadmap } from './roadmap-store';

const JSON_TYPE = 'application/json; charset=utf-8';

export const roadmapRoutes: FastifyPluginAsyncZod<{ roadmap: RoadmapStore }> = async (app, { roadmap }) => {
  app.get(
    '/api/roadmap',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        operationId: 'getRoadmap',
        summary: 'The roadmap: stages, choices, every topic and the drawing of the graph',
        description:
          'Cacheable: send the `ETag` back as `If-None-Match` and an unchanged roadmap answers 304 with no body.',
        response: {
          200: RoadmapView,
          304: z.undefined().describe('Not modified: the roadmap is the one you have.'),
          ...problems(503),
        },
      },
    },
    // synchronous on purpose: the hottest read of the API costs no promise and no microtask turn
    (request, reply) => {
      const snapshot = requireRoadmap(roadmap);
      // no-cache, not no-store: keep it, but ask each time; the 304 makes asking cheap
      reply.header('etag', snapshot.etag).header('cache-control', 'no-cache');
      if (isNotModified(request.headers['if-none-match'], snapshot.etag)) {
        reply.status(304).send();
        return;
      }
      // the body was serialised once per sync; a Buffer goes out as it is, without the serializer
      reply.type(JSON_TYPE).send(snapshot.body as unknown as RoadmapView);
    },
  );

  app.get(
    '/api/roadmap/topics/:topicId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        operationId: 'getTopic',
        summary: 'One topic: explanation, resources, prerequisites, dependents and project stages',
        description: 'A topic renamed in the content answers 301 with its new URL in `Location`.',
        params: z.strictObject({ topicId: ContentSlug }),
        response: {
          200: TopicDetail,
          301: z.undefined().describe('The topic was renamed; `Location` is its new URL.'),
          ...problems(400, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const snapshot = requireRoadmap(roadmap);
      const { topicId } = request.params;
      const topic = snapshot.topicDetails.get(topicId);
      if (topic) return topic;
      const renamed = snapshot.model.movedTo.get(topicId);
      if (renamed !== undefined) return reply.redirect(`/api/roadmap/topics/${renamed}`, 301);
      const detail = snapshot.model.archivedIds.has(topicId)
        ? `Topic "${topicId}" was removed from the roadmap.`
        : `There is no topic "${topicId}" on the roadmap.`;
      throw new AppError('not_found', detail);
    },
  );

  app.get(
    '/api/pages',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        operationId: 'listPages',
        summary: 'The pages beside the roadmap: FAQ, common mistakes, job titles, project ideas',
        response: { 200: z.object({ items: z.array(PageSummary) }), ...problems(503) },
      },
    },
    async () => ({ items: [...requireRoadmap(roadmap).pages] }),
  );

  app.get(
    '/api/pages/:pageId',
    {
      config: { access: 'public' },
      schema: {
        tags: ['roadmap'],
        operationId: 'getPage',
        summary: 'One page, rendered to HTML',
        params: z.strictObject({ pageId: ContentSlug }),
        response: { 200: PageDetail, ...problems(400, 404, 503) },
      },
    },
    async (request) => {
      const page = requireRoadmap(roadmap).pageDetails.get(request.params.pageId);
      if (!page) throw new AppError('not_found', `There is no page "${request.params.pageId}".`);
      return page;
    },
  );
};
