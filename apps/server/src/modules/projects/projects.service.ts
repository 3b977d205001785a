import type { ProjectBestResult, ProjectDetail, ProjectSummary } from '@groundwork/contracts';
import type { Db } from '../../db/database';
import { findBestSubmissions, type SubmissionRow } from '../submissions/submissions.repository';
import type { CatalogueProject, ProjectCatalogue } from './project-catalogue';

function toBest(row: SubmissionRow): ProjectBestResult {
  return {
    submissionId: row.id,
    status: row.status,
    mode: row.mode,
    stagesPassed: row.stagesPassed,
    stagesTotal: row.stagesTotal,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function toSummary(project: CatalogueProject, best: ProjectBestResult | null): ProjectSummary {
  const { slug, title, summary, difficulty, stages } = project;
  return { slug, title, summary, difficulty, stages: [...stages], best };
}

export function createProjectsService(deps: { db: Db; catalogue: ProjectCatalogue }) {
  const { db, catalogue } = deps;

  async function bestBySlug(userId: string | undefined): Promise<Map<string, ProjectBestResult>> {
    if (!userId) return new Map();
    const rows = await findBestSubmissions(db, userId);
    return new Map(rows.map((row) => [row.project, toBest(row)]));
  }

  return {
    async list(userId: string | undefined): Promise<ProjectSummary[]> {
      const best = await bestBySlug(userId);
      return catalogue.list().map((project) => toSummary(project, best.get(project.slug) ?? null));
    },

    async get(slug: string, userId: string | undefined): Promise<ProjectDetail | undefined> {
      const project = catalogue.find(slug);
      if (!project) return undefined;
      const best = (await bestBySlug(userId)).get(slug) ?? null;
      return {
        ...toSummary(project, best),
        specHtml: project.specHtml,
        contractUrl: project.contractUrl,
        messagesContractUrl: project.messagesContractUrl,
      };
    },

    contract(slug: string): string | undefined {
      return catalogue.find(slug)?.contractYaml;
    },

    /** The AsyncAPI document of a project with a WebSocket; undefined for any other. */
    messagesContract(slug: string): string | undefined {
      return catalogue.find(slug)?.messagesContractYaml;
    },
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
