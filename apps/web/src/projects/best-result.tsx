import { Link } from 'react-router';
import type { ProjectSummary } from '../api/types';
import { describeStages, SUBMISSION_STATUS } from '../submissions/submission-status';
import { Badge } from '../ui/badge';

/** The learner's best run on a project, linking to it; or a nudge to make the first one. */
export function BestResult({ best, isSignedIn }: { best: ProjectSummary['best']; isSignedIn: boolean }) {
  if (!isSignedIn) return <span className="text-sm text-fg-muted">Log in to see your results</span>;
  if (!best) return <span className="text-sm text-fg-muted">Not attempted yet</span>;
  const look = SUBMISSION_STATUS[best.status];
  return (
    <Link
      to={`/submissions/${best.submissionId}`}
      className="inline-flex items-center gap-2 text-sm text-fg hover:underline"
    >
      <Badge tone={look.tone}>{look.label}</Badge>
      <span>
        Your best: {describeStages(best.stagesPassed, best.stagesTotal)}
        {best.mode === 'self-reported' && ' (self-reported)'}
      </span>
    </Link>
  );
}
