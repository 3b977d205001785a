// The grading API's operations, written by hand from packages/contracts until apps/server/openapi.json
// carries them; `npm run generate` then writes them into openapi.d.ts and this file is deleted.
import type {
  CreateSubmissionInput,
  ProjectDetail,
  ProjectSummary,
  Submission,
  SubmissionSummary,
} from '@groundwork/contracts';
import type { components } from './openapi';

type Problem = {
  headers: Record<string, unknown>;
  content: { 'application/json': components['schemas']['Problem'] };
};
type Json<T> = { headers: Record<string, unknown>; content: { 'application/json': T } };
type Params<Path = never, Query = never> = { query?: Query; header?: never; cookie?: never } & ([
  Path,
] extends [never]
  ? { path?: never }
  : { path: Path });
type Operation<P, R, B = never> = {
  parameters: P;
  requestBody?: [B] extends [never] ? never : { content: { 'application/json': B } };
  responses: R;
};
type NoMethod = {
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

declare module './openapi' {
  interface paths {
    '/api/projects': NoMethod & {
      parameters: Params;
      get: Operation<Params, { 200: Json<{ items: ProjectSummary[] }>; 503: Problem }>;
    };
    '/api/projects/{slug}': NoMethod & {
      parameters: Params;
      get: Operation<Params<{ slug: string }>, { 200: Json<ProjectDetail>; 404: Problem }>;
    };
    '/api/submissions': Omit<NoMethod, 'post'> & {
      parameters: Params;
      get: Operation<
        Params<never, { project?: string; limit?: number; cursor?: string }>,
        { 200: Json<{ items: SubmissionSummary[]; nextCursor: string | null }>; 401: Problem }
      >;
      post: {
        parameters: Params;
        requestBody: { content: { 'application/json': CreateSubmissionInput } };
        responses: { 202: Json<SubmissionSummary>; 400: Problem; 401: Problem; 429: Problem };
      };
    };
    '/api/submissions/{id}': NoMethod & {
      parameters: Params;
      get: Operation<Params<{ id: string }>, { 200: Json<Submission>; 404: Problem }>;
    };
    '/api/submissions/{id}/cancel': Omit<NoMethod, 'post'> & {
      parameters: Params;
      post: Operation<Params<{ id: string }>, { 200: Json<SubmissionSummary>; 404: Problem; 409: Problem }>;
    };
  }
}
