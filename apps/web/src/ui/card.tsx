import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './cx';

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return (
    <section className={cx('rounded-xl border border-line bg-surface shadow-sm', className)} {...props} />
  );
}

type CardHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** The heading level, so each page keeps a sensible outline. */
  level?: 2 | 3;
  id?: string;
};

export function CardHeader({ title, description, actions, level = 2, id }: CardHeaderProps) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4 sm:px-6">
      <div className="min-w-0 space-y-1">
        <Heading id={id} className="text-base font-semibold text-fg">
          {title}
        </Heading>
        {description && <p className="text-sm text-fg-muted">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}

export function CardBody({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cx('px-5 py-5 sm:px-6', className)} {...props} />;
}
