/* eslint-disable @typescript-eslint/no-require-imports -- a report's format loads only when a run writes it */
import type { Formatter } from './types';

/** Text on one line, for the CLI's own messages (no formatter needed). */
export { oneLine } from './escape';

/** The built-in report formats, by the name `--format` takes. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

const LOADERS: Record<FormatName, () => Formatter> = {
  stylish: () => (require('./stylish') as typeof import('./stylish')).stylish,
  json: () => (require('./json') as typeof import('./json')).json,
  sarif: () => (require('./sarif') as typeof import('./sarif')).sarif,
  junit: () => (require('./junit') as typeof import('./junit')).junit,
  github: () => (require('./github') as typeof import('./github')).github,
  markdown: () => (require('./markdown') as typeof import('./markdown')).markdown,
  html: () => (require('./html') as typeof import('./html')).html,
};

/** Whether `name` is a built-in format. */
export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * The formatter of a built-in format, loaded the first time it is asked for: a run that prints
 * the stylish summary never loads the SARIF, JUnit or HTML writers.
 */
export function formatterFor(name: FormatName): Formatter {
  return LOADERS[name]();
}
