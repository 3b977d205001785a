import type { ContentIssue } from '@groundwork/contracts';
import type { Content } from './content.types';
import type { ContentIndex } from './content-index';
import { stageIdOfChoice } from './content-index';
import { makeIssue } from './issues';
import { ROADMAP_FILE } from './load';

/** Each topic and page file is named after its id. */
export function checkFileNames(content: Content): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const { file, frontMatter } of [...content.topics, ...content.pages]) {
    const expected = `${file.slice(0, file.lastIndexOf('/') + 1)}${frontMatter.id}.md`;
    if (file !== expected) {
      issues.push(
        makeIssue(
          file,
          'id',
          `"${frontMatter.id}" does not match the file name: rename the file to ${expected} or fix the id`,
        ),
      );
    }
  }
  return issues;
}

/** Ids are unique across topics, stages and choices (one namespace: they all appear in URLs and prerequisites). */
export function checkUniqueIds(content: Content): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const owners = new Map<string, string>();
  const claim = (id: string, owner: string, file: string, field: string) => {
    const previous = owners.get(id);
    if (previous === undefined) owners.set(id, owner);
    else issues.push(makeIssue(file, field, `id "${id}" is already used by ${previous}`));
  };
  for (const topic of content.topics) claim(topic.frontMatter.id, topic.file, topic.file, 'id');
  content.roadmap?.stages.forEach((stage, index) => {
    claim(stage.id, `stage "${stage.id}" in ${ROADMAP_FILE}`, ROADMAP_FILE, `stages[${index}].id`);
  });
  content.roadmap?.choices.forEach((choice, index) => {
    claim(choice.id, `choice "${choice.id}" in ${ROADMAP_FILE}`, ROADMAP_FILE, `choices[${index}].id`);
  });
  return issues;
}

/** Every topic file sits in exactly one stage, and every id a stage lists has a topic file. */
export function checkPlacement(content: Content, index: ContentIndex): ContentIssue[] {
  if (content.roadmap === null) return [];
  const issues: ContentIssue[] = [];
  const placedIn = new Map<string, string>();
  content.roadmap.stages.forEach((stage, stageIndex) => {
    stage.topics.forEach((topicId, topicIndex) => {
      const field = `stages[${stageIndex}].topics[${topicIndex}]`;
      const earlier = placedIn.get(topicId);
      if (earlier !== undefined) {
        const where = earlier === stage.id ? 'earlier in this stage' : `in stage "${earlier}"`;
        issues.push(
          makeIssue(
            ROADMAP_FILE,
            field,
            `"${topicId}" is already placed ${where}: a topic sits in one place`,
          ),
        );
        return;
      }
      placedIn.set(topicId, stage.id);
      if (!index.topicById.has(topicId) && !index.unloadedTopicIds.has(topicId)) {
        issues.push(
          makeIssue(
            ROADMAP_FILE,
            field,
            `"${topicId}" has no topic file topics/${topicId}.md${renameHint(content, topicId)}`,
          ),
        );
      }
    });
  });
  for (const topic of index.topicById.values()) {
    if (!placedIn.has(topic.frontMatter.id)) {
      issues.push(
        makeIssue(
          topic.file,
          'id',
          `topic "${topic.frontMatter.id}" is not placed in any stage of ${ROADMAP_FILE}`,
        ),
      );
    }
  }
  return issues;
}

/** Alternatives name an existing choice; each choice has two or more alternatives, all in one stage. */
export function checkChoices(content: Content, index: ContentIndex): ContentIssue[] {
  if (content.roadmap === null) return [];
  const issues: ContentIssue[] = [];
  for (const topic of index.topicById.values()) {
    const choiceId = topic.frontMatter.choice;
    if (choiceId !== undefined && !index.choiceById.has(choiceId)) {
      issues.push(
        makeIssue(topic.file, 'choice', `choice "${choiceId}" is not among the choices in ${ROADMAP_FILE}`),
      );
    }
  }
  content.roadmap.choices.forEach((choice, choiceIndex) => {
    const alternatives = index.alternativesByChoice.get(choice.id) ?? [];
    // an unloaded file may be one of the alternatives: count them once it loads
    if (alternatives.length < 2 && index.unloadedTopicIds.size === 0) {
      const named =
        alternatives.length === 0 ? 'no alternatives' : `only one alternative (${alternatives.join(', ')})`;
      issues.push(
        makeIssue(
          ROADMAP_FILE,
          `choices[${choiceIndex}]`,
          `choice "${choice.id}" has ${named}; a choice needs at least 2`,
        ),
      );
    }
    const stageId = stageIdOfChoice(index, choice.id);
    for (const topicId of alternatives) {
      const topicStage = index.stageIdByTopic.get(topicId);
      if (topicStage === undefined || topicStage === stageId) continue;
      const file = index.topicById.get(topicId)?.file ?? ROADMAP_FILE;
      issues.push(
        makeIssue(
          file,
          'choice',
          `sits in stage "${topicStage}" but the other alternatives of "${choice.id}" sit in "${stageId}": keep a choice's alternatives in one stage`,
        ),
      );
    }
  });
  return issues;
}

/** "; it was renamed to x" when an id is an old one in the moved map. */
export function renameHint(content: Content, id: string): string {
  const target = content.roadmap?.moved[id];
  return target === undefined ? '' : `; it was renamed to "${target}"`;
}
