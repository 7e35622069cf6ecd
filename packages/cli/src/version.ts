// Read at run time so the version is the installed package's, not a copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside the compiled sources
export const VERSION = (require('../package.json') as { version: string }).version;
