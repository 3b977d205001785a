import {
  ContentSlug,
  ImportResult,
  MyProgress,
  ProgressDocument,
  ProgressEntry,
  ProgressTimeline,
  SetProgressInput,
  TimelineQuery,
} from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../platform/route-helpers';
import { requirePrincipal } from '../accounts/access.plugin';
import type { ProgressService } from './progress.service';
import { ProgressActivity } from './progress-activity';

export const progressRoutes: FastifyPluginAsyncZod<{ progress: ProgressService }> = async (
  app,
  { progress },
) => {
  app.get(
    '/api/progress',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'getMyProgress',
        summary: 'Your progress: entries, per-stage and overall summary, hours left, what to learn next',
        response: { 200: MyProgress, ...problems(401, 503) },
      },
    },
    async (request) => progress.get(requirePrincipal(request).user.id),
  );

  app.put(
    '/api/progress/topics/:topicId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'setTopicProgress',
        summary: 'Set your status on a topic (todo, learning, done, skipped), with an optional note',
        description: 'Leaving `note` out keeps the note you have; `null` clears it.',
        params: z.strictObject({ topicId: ContentSlug }),
        body: SetProgressInput,
        response: { 200: ProgressEntry, ...problems(400, 401, 403, 404, 409, 415, 503) },
      },
    },
    async (request) =>
      progress.setStatus(requirePrincipal(request).user.id, request.params.topicId, request.body),
  );

  app.get(
    '/api/progress/timeline',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'getProgressTimeline',
        summary:
          'Your progress per day (UTC), for charts: topics done that day, done in total, being learned',
        querystring: TimelineQuery,
        response: { 200: ProgressTimeline, ...problems(400, 401) },
      },
    },
    async (request) => progress.timeline(requirePrincipal(request).user.id, request.query.days),
  );

  app.get(
    '/api/progress/activity',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'getProgressActivity',
        summary: 'Your streak: active days (UTC) in a row, now and at best, and the last active day',
        description:
          'A day counts when you changed the status of a topic or submitted a project. It does not depend ' +
          'on how many days the timeline shows.',
        response: { 200: ProgressActivity, ...problems(401) },
      },
    },
    async (request) => progress.activity(requirePrincipal(request).user.id),
  );

  app.get(
    '/api/progress/export',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'exportProgress',
        summary: 'Download your progress as a JSON document that import takes back',
        response: { 200: ProgressDocument, ...problems(401, 503) },
      },
    },
    async (request, reply) => {
      const document = await progress.exportDocument(requirePrincipal(request).user.id);
      const day = document.exportedAt?.slice(0, 10) ?? 'export';
      return reply
        .header('content-disposition', `attachment; filename="groundwork-progress-${day}.json"`)
        .send(document);
    },
  );

  app.post(
    '/api/progress/import',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'importProgress',
        summary: 'Merge an exported document into your progress',
        description:
          'For each topic the newer `updatedAt` wins; entries no newer than yours change nothing, so importing ' +
          'twice is harmless. Renamed topic ids are followed; ids the roadmap does not know are reported back.',
        body: ProgressDocument,
        response: { 200: ImportResult, ...problems(400, 401, 403, 413, 415, 503) },
      },
    },
    async (request) => progress.importDocument(requirePrincipal(request).user.id, request.body),
  );

  app.post(
    '/api/progress/reset',
    {
      config: { access: 'user' },
      schema: {
        tags: ['progress'],
        operationId: 'resetProgress',
        summary: 'Clear your progress (the history keeps the change; verifications by the grader stay)',
        response: { 204: z.undefined(), ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      await progress.reset(requirePrincipal(request).user.id);
      return reply.status(204).send();
    },
  );
};
