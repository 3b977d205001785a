import type { RoadmapOutline, TopicOutline } from './roadmap.types';

const CHOICE_PREFIX = 'choice:';

/** A prerequisite as the panel shows it: one topic, or "any one of" a choice's alternatives. */
export type PrerequisiteView =
  | { kind: 'topic'; topic: TopicOutline }
  | { kind: 'choice'; title: string; topics: TopicOutline[] };

function topicsOf(roadmap: RoadmapOutline, ids: readonly string[]): TopicOutline[] {
  return ids.map((id) => roadmap.topics[id]).filter((topic): topic is TopicOutline => topic !== undefined);
}

export function prerequisitesOf(roadmap: RoadmapOutline, topic: TopicOutline): PrerequisiteView[] {
  return topic.prerequisites.flatMap((ref): PrerequisiteView[] => {
    if (ref.startsWith(CHOICE_PREFIX)) {
      const choice = roadmap.choices.find((c) => c.id === ref.slice(CHOICE_PREFIX.length));
      return choice
        ? [{ kind: 'choice', title: choice.title, topics: topicsOf(roadmap, choice.topicIds) }]
        : [];
    }
    const prerequisite = roadmap.topics[ref];
    return prerequisite ? [{ kind: 'topic', topic: prerequisite }] : [];
  });
}

/** Topics that list this one (or its choice) as a prerequisite, in roadmap order. */
export function followUpsOf(roadmap: RoadmapOutline, topic: TopicOutline): TopicOutline[] {
  const refs = new Set([topic.id, ...(topic.choice ? [`${CHOICE_PREFIX}${topic.choice}`] : [])]);
  return Object.values(roadmap.topics).filter((other) => other.prerequisites.some((ref) => refs.has(ref)));
}

/** The other options of the choice an alternative belongs to. */
export function alternativesOf(roadmap: RoadmapOutline, topic: TopicOutline) {
  if (!topic.choice) return null;
  const choice = roadmap.choices.find((c) => c.id === topic.choice);
  if (!choice) return null;
  return { title: choice.title, summary: choice.summary, topics: topicsOf(roadmap, choice.topicIds) };
}
