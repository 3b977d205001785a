import type { User } from '../api/types';

export type NavItem = { to: string; label: string; isVisibleTo: (user: User | null) => boolean };

/** The primary navigation. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', isVisibleTo: (user) => user !== null },
  { to: '/roadmap', label: 'Roadmap', isVisibleTo: () => true },
  { to: '/projects', label: 'Projects', isVisibleTo: () => true },
  { to: '/guides', label: 'Guides', isVisibleTo: () => true },
  { to: '/account', label: 'Account', isVisibleTo: (user) => user !== null },
  { to: '/admin', label: 'Admin', isVisibleTo: (user) => user?.role === 'admin' },
];

export function navItemsFor(user: User | null): NavItem[] {
  return NAV_ITEMS.filter((item) => item.isVisibleTo(user));
}
