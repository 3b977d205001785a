import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, useId } from 'react';
import { cx } from './cx';

const CONTROL_CLASSES =
  'block w-full rounded-lg border bg-surface px-3 text-fg shadow-sm transition-colors ' +
  'placeholder:text-fg-muted disabled:cursor-not-allowed disabled:opacity-60 ' +
  'focus-visible:border-accent focus-visible:outline-2 focus-visible:outline-offset-0';

type FieldFrameProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  children: ReactNode;
  className?: string | undefined;
};

function FieldFrame({ id, label, hint, error, children, className }: FieldFrameProps) {
  return (
    <div className={cx('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-fg">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-sm text-fg-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="flex items-start gap-1.5 text-sm font-medium text-danger-text">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: string | undefined): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

export type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  ref?: Ref<HTMLInputElement>;
  label: ReactNode;
  hint?: ReactNode;
  /** The message shown under the field; marks it invalid for assistive technology too. */
  error?: string | undefined;
  containerClassName?: string;
};

/** A labelled input with its hint and error wired up for screen readers. */
export function TextField({ label, hint, error, containerClassName, className, ...props }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={containerClassName}>
      <input
        id={id}
        className={cx(CONTROL_CLASSES, 'h-10', error ? 'border-danger-text' : 'border-control', className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      />
    </FieldFrame>
  );
}

export type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  containerClassName?: string;
};

export function SelectField({
  label,
  hint,
  error,
  containerClassName,
  className,
  children,
  ...props
}: SelectFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} className={containerClassName}>
      <select
        id={id}
        className={cx(
          CONTROL_CLASSES,
          'h-10 pr-8',
          error ? 'border-danger-text' : 'border-control',
          className,
        )}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...props}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

/** The plain control styles, for a select or input whose label lives elsewhere (a table header). */
export function controlClasses(hasError = false): string {
  return cx(CONTROL_CLASSES, 'h-9 text-sm', hasError ? 'border-danger-text' : 'border-control');
}
