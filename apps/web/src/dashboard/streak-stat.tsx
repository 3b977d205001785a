import type { UseQueryResult } from '@tanstack/react-query';
import type { ProgressActivity } from '../api/types';
import { Spinner } from '../ui/spinner';
import { Stat } from './stat';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The streak from the API, counted over the learner's whole history; never a guess while it loads. */
export function StreakStat({ activity }: { activity: UseQueryResult<ProgressActivity> }) {
  if (activity.isPending) {
    return (
      <Stat
        label="Streak"
        value={
          <span role="status" className="flex items-center gap-2 text-base font-normal text-fg-muted">
            <Spinner />
            Loading your streak…
          </span>
        }
        detail="Active days in a row"
      />
    );
  }
  if (activity.isError) {
    return (
      <Stat
        label="Streak"
        value="–"
        detail={
          <span role="alert">
            Your streak didn't load.{' '}
            <button
              type="button"
              onClick={() => void activity.refetch()}
              className="font-medium text-accent-text underline underline-offset-4"
            >
              Try again
            </button>
          </span>
        }
      />
    );
  }
  const { streak, activeDays } = activity.data;
  return (
    <Stat
      label="Streak"
      value={plural(streak.current, 'day', 'days')}
      detail={
        <>
          Longest {plural(streak.longest, 'day', 'days')} · {plural(activeDays, 'active day', 'active days')}
          <span className="block">Days run from midnight to midnight UTC.</span>
        </>
      }
    />
  );
}
