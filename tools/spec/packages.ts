import * as path from 'node:path';

/** The repository's root. */
export const root = path.resolve(__dirname, '../..');

/** Every published package, in the order they depend on each other. */
export const PACKAGES = [
  'packages/core',
  'packages/formatters',
  'policies',
  'packages/inspect',
  'packages/cli',
  'packages/nx-plugin',
];
