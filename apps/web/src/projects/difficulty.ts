import type { StageDifficulty } from '@groundwork/contracts';
import type { BadgeTone } from '../ui/badge';

export const DIFFICULTY: Record<StageDifficulty, { label: string; tone: BadgeTone }> = {
  beginner: { label: 'Beginner', tone: 'success' },
  intermediate: { label: 'Intermediate', tone: 'warning' },
  advanced: { label: 'Advanced', tone: 'danger' },
};
