import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/problem';
import type { User } from '../api/types';
import { Badge } from '../ui/badge';
import { cx } from '../ui/cx';
import { ChevronDownIcon, KeyIcon, LogOutIcon, ShieldIcon } from '../ui/icons';
import { Spinner } from '../ui/spinner';
import { useSignOut } from './use-sign-out';
import { UserAvatar } from './user-avatar';

const ITEM_CLASSES =
  'flex w-full items-center gap-2.5 rounded-md px-3 py-2 text-left text-sm text-fg hover:bg-surface-muted';

/** The signed-in user's name, opening a small panel with their account links and "Log out". */
export function UserMenu({ user }: { user: User }) {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { signOut, isSigningOut, error } = useSignOut();

  useEffect(() => {
    if (!isOpen) return undefined;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setIsOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    document.addEventListener('keydown', closeOnEscape);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutsideClick);
      document.removeEventListener('keydown', closeOnEscape);
    };
  }, [isOpen]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setIsOpen((open) => !open)}
        className="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm font-medium text-fg hover:bg-surface-muted"
      >
        <UserAvatar name={user.name} />
        <span className="max-w-40 truncate">{user.name}</span>
        <span className="sr-only">: account menu</span>
        <ChevronDownIcon
          size={16}
          className={cx('text-fg-muted transition-transform', isOpen && 'rotate-180')}
        />
      </button>
      <div
        id={panelId}
        hidden={!isOpen}
        className="absolute right-0 z-50 mt-2 w-72 rounded-xl border border-line bg-surface-raised p-2 shadow-lg"
      >
        <div className="border-b border-line px-3 pt-2 pb-3">
          <p className="truncate text-sm font-semibold text-fg">{user.name}</p>
          <p className="truncate text-sm text-fg-muted">{user.email}</p>
          <div className="mt-2">
            <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'}>{user.role}</Badge>
          </div>
        </div>
        <ul className="space-y-0.5 pt-2">
          <li>
            <Link to="/account" className={ITEM_CLASSES} onClick={() => setIsOpen(false)}>
              <KeyIcon size={16} className="text-fg-muted" />
              Account and tokens
            </Link>
          </li>
          {user.role === 'admin' && (
            <li>
              <Link to="/admin" className={ITEM_CLASSES} onClick={() => setIsOpen(false)}>
                <ShieldIcon size={16} className="text-fg-muted" />
                Admin
              </Link>
            </li>
          )}
          <li>
            <button type="button" className={ITEM_CLASSES} onClick={signOut} disabled={isSigningOut}>
              {isSigningOut ? <Spinner /> : <LogOutIcon size={16} className="text-fg-muted" />}
              Log out
            </button>
          </li>
        </ul>
        {error !== null && (
          <p role="alert" className="px-3 pt-2 text-sm text-danger-text">
            {describeError(error)}
          </p>
        )}
      </div>
    </div>
  );
}
