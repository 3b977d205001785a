import type { RoadmapOutline } from './roadmap.types';

/** "Beginner: foundations" → "Beginner", so the stage buttons stay compact. */
export function shortStageTitle(title: string): string {
  return title.split(':')[0]?.trim() || title;
}

/** A button per stage that scrolls the map to that stage's band. */
export function StageJumps({ roadmap, onJump }: { roadmap: RoadmapOutline; onJump: (y: number) => void }) {
  return (
    <nav
      aria-label="Stages"
      className="overflow-x-auto rounded-lg border border-line bg-surface/95 p-1 shadow-sm"
    >
      <ul className="flex gap-1">
        {roadmap.layout.bands.map((band, index) => {
          const stage = roadmap.stages.find((s) => s.id === band.stageId);
          return (
            <li key={band.stageId}>
              <button
                type="button"
                onClick={() => onJump(band.y)}
                className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap text-fg hover:bg-surface-muted"
              >
                <span
                  aria-hidden="true"
                  className="flex size-5 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent-text"
                >
                  {index + 1}
                </span>
                <span className="sr-only">Go to stage {index + 1}: </span>
                {shortStageTitle(stage?.title ?? band.stageId)}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
