// Runs before the first paint (the page's CSP allows only same-origin scripts, so it cannot be inline).
// Keep the storage key and class in step with src/theme/theme.ts.
(() => {
  let stored = null;
  try {
    stored = window.localStorage.getItem('gw-theme');
  } catch {
    // storage can be blocked; fall back to the system setting
  }
  const prefersDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  const isDark = stored === 'dark' || (stored !== 'light' && prefersDark);
  document.documentElement.classList.toggle('dark', isDark);
  document.documentElement.style.colorScheme = isDark ? 'dark' : 'light';
})();
