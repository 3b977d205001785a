import type { ReactNode } from 'react';
import { cx } from './cx';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

export type AlertTone = 'info' | 'success' | 'warning' | 'danger';

const TONE_CLASSES: Record<AlertTone, string> = {
  info: 'border-info-line bg-accent-soft text-fg [&_svg]:text-accent-text',
  success: 'border-success-line bg-success-soft text-fg [&_svg]:text-success-text',
  warning: 'border-warning-line bg-warning-soft text-fg [&_svg]:text-warning-text',
  danger: 'border-danger-line bg-danger-soft text-fg [&_svg]:text-danger-text',
};

type AlertProps = {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
  /**
   * `alert` interrupts the screen reader (errors that just happened); `status` waits politely;
   * `none` for messages already on the page when it loads.
   */
  live?: 'alert' | 'status' | 'none';
};

export function Alert({ tone = 'info', title, children, actions, className, live = 'none' }: AlertProps) {
  const IconComponent = tone === 'success' ? CheckIcon : tone === 'info' ? InfoIcon : AlertIcon;
  return (
    <div
      role={live === 'none' ? undefined : live}
      className={cx('flex gap-3 rounded-lg border px-4 py-3 text-sm', TONE_CLASSES[tone], className)}
    >
      <IconComponent className="mt-0.5 shrink-0" size={18} />
      <div className="min-w-0 flex-1 space-y-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="text-fg">{children}</div>}
        {actions && <div className="flex flex-wrap gap-2 pt-2">{actions}</div>}
      </div>
    </div>
  );
}
