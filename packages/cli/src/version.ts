// Read at run time so the version is the installed package's, not a copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION = (require('../package.json') as { version: string }).version;
