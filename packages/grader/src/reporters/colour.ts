/** ANSI styles that turn into plain text when colour is off. */
export interface Palette {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/**
 * Whether to colour output: never when NO_COLOR is present and not an empty string, or with TERM=dumb;
 * always with FORCE_COLOR (not "0"); otherwise only on a TTY. The caller passes its parsed environment in.
 * @example const color = shouldUseColor({ isTTY: process.stdout.isTTY, env: config.colorEnv });
 */
export function shouldUseColor({
  isTTY,
  env = {},
}: {
  isTTY: boolean | undefined;
  env?: { NO_COLOR?: string | undefined; FORCE_COLOR?: string | undefined; TERM?: string | undefined };
}): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return Boolean(isTTY);
}

export function createPalette(isEnabled: boolean): Palette {
  const style = (open: number, close: number) => (text: string) =>
    isEnabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    green: style(32, 39),
    red: style(31, 39),
    yellow: style(33, 39),
    cyan: style(36, 39),
    dim: style(2, 22),
    bold: style(1, 22),
  };
}
