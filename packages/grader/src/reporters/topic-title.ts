/** Looks up a roadmap topic's title by id; reporters fall back to the id when it returns undefined. */
export type TopicTitleLookup = (topicId: string) => string | undefined;

/** `HTTP status codes (http-status-codes)`, or just the id when the title is unknown. */
export function describeTopic(topicId: string, lookup: TopicTitleLookup | undefined): string {
  const title = lookup?.(topicId);
  return title && title !== topicId ? `${title} (${topicId})` : topicId;
}
