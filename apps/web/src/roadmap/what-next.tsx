import type { NextTopic } from '../api/types';
import { STATUS_LABELS } from './topic-status';

type WhatNextProps = { next: readonly NextTopic[]; onSelectTopic: (topicId: string) => void; limit?: number };

/** The topics whose prerequisites are done: where to go from here. Alternatives of one choice sit together. */
export function WhatNext({ next, onSelectTopic, limit = 5 }: WhatNextProps) {
  if (next.length === 0) {
    return (
      <p className="text-sm text-fg-muted">
        Nothing is waiting: every topic you can start is done or skipped.
      </p>
    );
  }
  return (
    <ul className="space-y-1.5">
      {next.slice(0, limit).map((topic) => (
        <li key={topic.id}>
          <button
            type="button"
            onClick={() => onSelectTopic(topic.id)}
            className="flex w-full items-center justify-between gap-3 rounded-lg border border-line bg-surface px-3 py-2 text-left text-sm hover:border-accent hover:bg-accent-soft"
          >
            <span className="min-w-0">
              <span className="block font-medium text-fg">{topic.title}</span>
              <span className="block text-xs text-fg-muted">
                {topic.choiceId ? 'Pick one of several · ' : ''}
                {topic.status === 'learning' ? `${STATUS_LABELS.learning} · ` : ''}
                about {topic.hours} h
              </span>
            </span>
            <span aria-hidden="true" className="text-accent-text">
              →
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
