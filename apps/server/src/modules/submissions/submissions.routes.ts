import {
  CreateSubmissionInput,
  pageOf,
  Submission,
  SubmissionListQuery,
  SubmissionSummary,
  UploadReportInput,
} from '@groundwork/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problems } from '../../platform/route-helpers';
import { requirePrincipal } from '../accounts/access.plugin';
import { type SubmissionsService, viewerOf } from './submissions.service';

export type SubmissionsRoutesOptions = { submissions: SubmissionsService };

const SubmissionParams = z.strictObject({ submissionId: z.uuid() });

export const submissionsRoutes: FastifyPluginAsyncZod<SubmissionsRoutesOptions> = async (app, options) => {
  const { submissions } = options;

  app.post(
    '/api/submissions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['grading'],
        operationId: 'createSubmission',
        summary: 'Ask the server to grade your deployed server (a verified result)',
        description:
          'Answers 202 at once; the run is queued. Follow it at the `Location` URL, or live over the WebSocket ' +
          'at `/api/submissions/{id}/stream`. One run per learner at a time.',
        body: CreateSubmissionInput,
        response: { 202: SubmissionSummary, ...problems(400, 401, 403, 415, 429) },
      },
    },
    async (request, reply) => {
      const created = await submissions.create(requirePrincipal(request), request.body);
      return reply.status(202).header('location', `/api/submissions/${created.id}`).send(created);
    },
  );

  app.post(
    '/api/submissions/upload',
    {
      config: { access: 'user' },
      schema: {
        tags: ['grading'],
        operationId: 'uploadSubmission',
        summary: 'Store a report from `groundwork test --upload` (a self-reported result)',
        description: 'Self-reported results are shown as such and never mark roadmap topics verified.',
        body: UploadReportInput,
        response: { 201: Submission, ...problems(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const stored = await submissions.upload(requirePrincipal(request), request.body.report);
      return reply.status(201).header('location', `/api/submissions/${stored.id}`).send(stored);
    },
  );

  app.get(
    '/api/submissions',
    {
      config: { access: 'user' },
      schema: {
        tags: ['grading'],
        operationId: 'listSubmissions',
        summary: 'Your submissions, newest first (mentors and admins: anyone’s, with userId)',
        querystring: SubmissionListQuery,
        response: { 200: pageOf(SubmissionSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => submissions.list(viewerOf(requirePrincipal(request)), request.query),
  );

  app.get(
    '/api/submissions/:submissionId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['grading'],
        operationId: 'getSubmission',
        summary: 'One submission with every stage and check: expected, actual, curl, timings',
        description: 'Yours; mentors and admins can read anyone’s.',
        params: SubmissionParams,
        response: { 200: Submission, ...problems(400, 401, 404) },
      },
    },
    async (request) => submissions.get(viewerOf(requirePrincipal(request)), request.params.submissionId),
  );

  app.post(
    '/api/submissions/:submissionId/cancel',
    {
      config: { access: 'user' },
      schema: {
        tags: ['grading'],
        operationId: 'cancelSubmission',
        summary: 'Cancel a queued or running submission (yours, or anyone’s as an admin)',
        params: SubmissionParams,
        response: { 200: SubmissionSummary, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => submissions.cancel(requirePrincipal(request), request.params.submissionId),
  );
};
