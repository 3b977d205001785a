import { useState } from 'react';
import { Link, NavLink } from 'react-router';
import { describeError } from '../api/problem';
import type { User } from '../api/types';
import { ThemeToggle } from '../theme/theme-toggle';
import { Badge } from '../ui/badge';
import { buttonClasses } from '../ui/button';
import { cx } from '../ui/cx';
import { CloseIcon, LogOutIcon, MenuIcon } from '../ui/icons';
import { LogoMark } from './logo';
import { navItemsFor } from './nav-items';
import { useSignOut } from './use-sign-out';
import { UserAvatar } from './user-avatar';
import { UserMenu } from './user-menu';

const MOBILE_MENU_ID = 'mobile-menu';

function navLinkClasses({ isActive }: { isActive: boolean }) {
  return cx(
    'rounded-md px-3 py-2 text-sm font-medium transition-colors',
    isActive ? 'bg-accent-soft text-accent-text' : 'text-fg-muted hover:bg-surface-muted hover:text-fg',
  );
}

function mobileNavLinkClasses({ isActive }: { isActive: boolean }) {
  return cx(
    'block rounded-lg px-3 py-2.5 text-base font-medium',
    isActive ? 'bg-accent-soft text-accent-text' : 'text-fg hover:bg-surface-muted',
  );
}

type SiteHeaderProps = { user: User | null; isUserKnown: boolean; pathname: string };

/** The top bar: name, primary navigation, theme and user menu; a menu button below the md breakpoint. */
export function SiteHeader({ user, isUserKnown, pathname }: SiteHeaderProps) {
  // the phone menu belongs to the page it was opened on: moving to another page closes it
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const isMenuOpen = menuOpenOn === pathname;
  const items = navItemsFor(user);

  return (
    <header className="sticky top-0 z-40 border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/80">
      <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-4 sm:px-6 lg:px-8">
        <Link to="/" className="flex items-center gap-2.5 rounded-md text-fg">
          <LogoMark />
          <span className="text-lg font-semibold tracking-tight">Groundwork</span>
        </Link>
        <nav aria-label="Main" className="hidden md:block">
          <ul className="flex items-center gap-1">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={navLinkClasses}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <ThemeToggle className="hidden md:flex" />
          {isUserKnown && (
            <div className="hidden md:block">
              {user ? (
                <UserMenu user={user} />
              ) : (
                <div className="flex items-center gap-2">
                  <Link to="/login" className={buttonClasses('ghost', 'sm')}>
                    Log in
                  </Link>
                  <Link to="/signup" className={buttonClasses('primary', 'sm')}>
                    Sign up
                  </Link>
                </div>
              )}
            </div>
          )}
          <button
            type="button"
            className="flex size-10 items-center justify-center rounded-lg text-fg hover:bg-surface-muted md:hidden"
            aria-expanded={isMenuOpen}
            aria-controls={MOBILE_MENU_ID}
            onClick={() => setMenuOpenOn(isMenuOpen ? null : pathname)}
          >
            {isMenuOpen ? <CloseIcon /> : <MenuIcon />}
            <span className="sr-only">{isMenuOpen ? 'Close menu' : 'Open menu'}</span>
          </button>
        </div>
      </div>
      <MobileMenu user={user} isUserKnown={isUserKnown} isOpen={isMenuOpen} items={items} />
    </header>
  );
}

type MobileMenuProps = {
  user: User | null;
  isUserKnown: boolean;
  isOpen: boolean;
  items: ReturnType<typeof navItemsFor>;
};

function MobileMenu({ user, isUserKnown, isOpen, items }: MobileMenuProps) {
  const { signOut, isSigningOut, error } = useSignOut();
  return (
    <div id={MOBILE_MENU_ID} hidden={!isOpen} className="border-t border-line bg-surface md:hidden">
      <nav aria-label="Main" className="px-4 py-3">
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className={mobileNavLinkClasses}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-4 border-t border-line px-4 py-4">
        {isUserKnown && user && (
          <div className="flex items-center gap-3">
            <UserAvatar name={user.name} className="size-10" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-semibold text-fg">{user.name}</p>
              <p className="truncate text-sm text-fg-muted">{user.email}</p>
            </div>
            <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'}>{user.role}</Badge>
          </div>
        )}
        <div className="flex items-center justify-between gap-3">
          <ThemeToggle />
          {isUserKnown &&
            (user ? (
              <button
                type="button"
                onClick={signOut}
                disabled={isSigningOut}
                className={buttonClasses('secondary', 'sm')}
              >
                <LogOutIcon size={16} />
                Log out
              </button>
            ) : (
              <div className="flex gap-2">
                <Link to="/login" className={buttonClasses('secondary', 'sm')}>
                  Log in
                </Link>
                <Link to="/signup" className={buttonClasses('primary', 'sm')}>
                  Sign up
                </Link>
              </div>
            ))}
        </div>
        {error !== null && (
          <p role="alert" className="text-sm text-danger-text">
            {describeError(error)}
          </p>
        )}
      </div>
    </div>
  );
}
