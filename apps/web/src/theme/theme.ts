/** The colour theme a reader picked; `system` follows the operating system. */
export type ThemeChoice = 'system' | 'light' | 'dark';

// keep in step with public/theme-init.js, which applies the theme before the first paint
export const THEME_STORAGE_KEY = 'gw-theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function readThemeChoice(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function saveThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // storage can be blocked: the choice then lasts for this page only
  }
}

export function isDarkTheme(choice: ThemeChoice): boolean {
  if (choice !== 'system') return choice === 'dark';
  return window.matchMedia(DARK_QUERY).matches;
}

export function applyTheme(choice: ThemeChoice) {
  const isDark = isDarkTheme(choice);
  document.documentElement.classList.toggle('dark', isDark);
  document.documentElement.style.colorScheme = isDark ? 'dark' : 'light';
}

/** Calls back when the system theme changes; returns the unsubscribe function. */
export function watchSystemTheme(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
