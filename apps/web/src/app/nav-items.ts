import type { User } from '../api/types';

export type NavItem = { to: string; label: string; isVisibleTo: (user: User | null) => boolean };

/**
 * The primary navigation. Only pages that exist are listed: Dashboard and Projects join this list when
 * their pages are built.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/roadmap', label: 'Roadmap', isVisibleTo: () => true },
  { to: '/account', label: 'Account', isVisibleTo: (user) => user !== null },
  { to: '/admin', label: 'Admin', isVisibleTo: (user) => user?.role === 'admin' },
];

export function navItemsFor(user: User | null): NavItem[] {
  return NAV_ITEMS.filter((item) => item.isVisibleTo(user));
}
