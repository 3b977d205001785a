import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { applyTheme, readThemeChoice, saveThemeChoice, type ThemeChoice, watchSystemTheme } from './theme';

type ThemeState = { choice: ThemeChoice; choose: (next: ThemeChoice) => void };

const ThemeContext = createContext<ThemeState | null>(null);

/** Holds the reader's theme choice, remembered in localStorage and applied to <html>. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<ThemeChoice>(readThemeChoice);

  useEffect(() => {
    applyTheme(choice);
    if (choice !== 'system') return undefined;
    return watchSystemTheme(() => applyTheme('system'));
  }, [choice]);

  const choose = useCallback((next: ThemeChoice) => {
    saveThemeChoice(next);
    setChoice(next);
  }, []);

  const value = useMemo(() => ({ choice, choose }), [choice, choose]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  const state = useContext(ThemeContext);
  if (state === null) throw new Error('useTheme needs a <ThemeProvider> above it');
  return state;
}
