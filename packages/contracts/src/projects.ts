import { z } from 'zod';
import { StageDifficulty } from './grading/stage';
import { SubmissionMode, SubmissionStatus } from './submissions';

const ProjectSlug = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** One stage of a project as a learner sees it before grading. */
export const ProjectStage = z
  .object({
    id: z.string(),
    title: z.string(),
    difficulty: StageDifficulty,
    /** Roadmap topic ids this stage exercises; passing it verifies them. */
    topics: z.array(z.string()),
    checks: z.array(z.object({ id: z.string(), title: z.string(), topic: z.string() })),
  })
  .meta({ id: 'ProjectStage' });
export type ProjectStage = z.infer<typeof ProjectStage>;

/** The caller's best result on a project: the submission that passed the most stages, newest first on ties. */
export const ProjectBestResult = z
  .object({
    submissionId: z.uuid(),
    status: SubmissionStatus,
    mode: SubmissionMode,
    stagesPassed: z.number().int().nonnegative(),
    stagesTotal: z.number().int().nonnegative(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ProjectBestResult' });
export type ProjectBestResult = z.infer<typeof ProjectBestResult>;

export const ProjectSummary = z
  .object({
    slug: ProjectSlug,
    title: z.string(),
    summary: z.string(),
    /** The hardest stage's difficulty. */
    difficulty: StageDifficulty,
    stages: z.array(ProjectStage),
    /** Null when anonymous or when the caller has no finished submission for it. */
    best: ProjectBestResult.nullable(),
  })
  .meta({ id: 'ProjectSummary' });
export type ProjectSummary = z.infer<typeof ProjectSummary>;

/** `GET /api/projects/{slug}`: the summary plus the learner-facing spec, rendered. */
export const ProjectDetail = ProjectSummary.extend({
  /** The spec, rendered from Markdown; `topic:` links point into the roadmap; raw HTML is escaped. */
  specHtml: z.string(),
  /** Where the API contract (OpenAPI 3.1 YAML) can be downloaded. */
  contractUrl: z.string(),
  /** Where the WebSocket message contract (AsyncAPI 3.0 YAML) can be downloaded; null without a WebSocket. */
  messagesContractUrl: z.string().nullable(),
}).meta({ id: 'ProjectDetail' });
export type ProjectDetail = z.infer<typeof ProjectDetail>;

/**
 * One roadmap topic a project stage names: the projects registry lists them, the content checker
 * proves each exists, and the server links stages to topics with them.
 */
export interface ProjectTopicRef {
  project: string;
  stage: string;
  topicId: string;
  /** Where the reference is written, for the checker's issue; defaults to `projects/<project>`. */
  file?: string;
}
