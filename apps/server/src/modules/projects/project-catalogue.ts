import { readFileSync } from 'node:fs';
import { renderMarkdown } from '@groundwork/content';
import type { ProjectStage, StageDifficulty } from '@groundwork/contracts';
import type { ProjectEntry } from '@groundwork/projects';

const DIFFICULTY_ORDER: readonly StageDifficulty[] = ['beginner', 'intermediate', 'advanced'];

/** What the API serves about one project, prepared once at start: specs do not change while running. */
export type CatalogueProject = {
  entry: ProjectEntry;
  slug: string;
  title: string;
  summary: string;
  difficulty: StageDifficulty;
  stages: readonly ProjectStage[];
  specHtml: string;
  contractUrl: string;
  contractYaml: string;
  messagesContractUrl: string | null;
  messagesContractYaml: string | undefined;
  /** Stage id -> every roadmap topic a pass of that stage verifies. */
  topicsByStage: ReadonlyMap<string, readonly string[]>;
};

export type ProjectCatalogue = {
  list(): readonly CatalogueProject[];
  find(slug: string): CatalogueProject | undefined;
};

export function contractUrlOf(slug: string): string {
  return `/api/projects/${slug}/contract`;
}

export function messagesContractUrlOf(slug: string): string {
  return `/api/projects/${slug}/messages-contract`;
}

function describeProject(entry: ProjectEntry): CatalogueProject {
  const stages = entry.suite.stages.map((stage) => ({
    id: stage.id,
    title: stage.title,
    difficulty: stage.difficulty,
    topics: [...stage.topics],
    checks: stage.checks.map((check) => ({ id: check.id, title: check.title, topic: check.topic })),
  }));
  const hardest = Math.max(...stages.map((stage) => DIFFICULTY_ORDER.indexOf(stage.difficulty)));
  const contractUrl = contractUrlOf(entry.slug);
  const messagesContractUrl = entry.messagesContractPath ? messagesContractUrlOf(entry.slug) : null;
  // the spec links its contracts as sibling files; on the platform the API serves them
  let spec = readFileSync(entry.specPath, 'utf8').replaceAll('](./openapi.yaml)', `](${contractUrl})`);
  if (messagesContractUrl) spec = spec.replaceAll('](./asyncapi.yaml)', `](${messagesContractUrl})`);
  return {
    entry,
    slug: entry.slug,
    title: entry.title,
    summary: entry.summary,
    difficulty: DIFFICULTY_ORDER[hardest] ?? 'beginner',
    stages,
    specHtml: renderMarkdown(spec),
    contractUrl,
    contractYaml: readFileSync(entry.contractPath, 'utf8'),
    messagesContractUrl,
    messagesContractYaml: entry.messagesContractPath
      ? readFileSync(entry.messagesContractPath, 'utf8')
      : undefined,
    topicsByStage: new Map(entry.stageTopics.map(({ stageId, topicIds }) => [stageId, topicIds])),
  };
}

/**
 * The projects registry as the API presents it.
 * @example const catalogue = createProjectCatalogue(projects); catalogue.find('url-shortener')?.specHtml
 */
export function createProjectCatalogue(entries: readonly ProjectEntry[]): ProjectCatalogue {
  const described = entries.map(describeProject);
  const bySlug = new Map(described.map((project) => [project.slug, project]));
  return { list: () => described, find: (slug) => bySlug.get(slug) };
}
