import { cx } from '../ui/cx';
import { MonitorIcon, MoonIcon, SunIcon } from '../ui/icons';
import type { ThemeChoice } from './theme';
import { useTheme } from './theme-provider';

const CHOICES: Array<{ value: ThemeChoice; label: string; Icon: typeof SunIcon }> = [
  { value: 'light', label: 'Light', Icon: SunIcon },
  { value: 'dark', label: 'Dark', Icon: MoonIcon },
  { value: 'system', label: 'System', Icon: MonitorIcon },
];

/** Three small radio-like buttons: light, dark, or follow the system. */
export function ThemeToggle({ className }: { className?: string }) {
  const { choice, choose } = useTheme();
  return (
    <fieldset className={cx('flex items-center rounded-lg border border-line bg-surface p-0.5', className)}>
      <legend className="sr-only">Colour theme</legend>
      {CHOICES.map(({ value, label, Icon }) => {
        const isChosen = choice === value;
        return (
          <button
            key={value}
            type="button"
            aria-pressed={isChosen}
            title={`${label} theme`}
            onClick={() => choose(value)}
            className={cx(
              'flex size-8 items-center justify-center rounded-md transition-colors',
              isChosen
                ? 'bg-accent-soft text-accent-text'
                : 'text-fg-muted hover:bg-surface-muted hover:text-fg',
            )}
          >
            <Icon size={16} />
            <span className="sr-only">{label} theme</span>
          </button>
        );
      })}
    </fieldset>
  );
}
