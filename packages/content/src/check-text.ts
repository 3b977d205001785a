import type { ContentIssue } from '@groundwork/contracts';
import { renameHint } from './check-structure';
import type { Content } from './content.types';
import type { ContentIndex } from './content-index';
import { makeIssue } from './issues';
import { countProseWords, listTopicLinks } from './render';

export const MIN_EXPLANATION_WORDS = 80;
export const MAX_EXPLANATION_WORDS = 200;

/** A topic's explanation is 80–200 words of prose; code blocks don't count. */
export function checkExplanationLength(content: Content): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const topic of content.topics) {
    const words = countProseWords(topic.body);
    if (words < MIN_EXPLANATION_WORDS || words > MAX_EXPLANATION_WORDS) {
      issues.push(
        makeIssue(
          topic.file,
          'body',
          `the explanation has ${words} words of prose; write ${MIN_EXPLANATION_WORDS} to ${MAX_EXPLANATION_WORDS} (code blocks don't count)`,
        ),
      );
    }
  }
  for (const page of content.pages) {
    if (countProseWords(page.body) === 0) issues.push(makeIssue(page.file, 'body', 'the page has no text'));
  }
  return issues;
}

/** Every `[text](topic:<id>)` link in a page or topic names an existing topic. */
export function checkTopicLinks(content: Content, index: ContentIndex): ContentIssue[] {
  const issues: ContentIssue[] = [];
  for (const { file, body } of [...content.pages, ...content.topics]) {
    for (const id of new Set(listTopicLinks(body))) {
      if (!index.topicById.has(id) && !index.unloadedTopicIds.has(id)) {
        issues.push(
          makeIssue(file, 'body', `the link "topic:${id}" names no topic${renameHint(content, id)}`),
        );
      }
    }
  }
  return issues;
}
