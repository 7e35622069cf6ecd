import type { FileFacts } from '@deploy-plan/core';

/** Project-file facts for policy tests: an empty project, with the given parts. */
export function fileFacts(partial: Partial<FileFacts> = {}): FileFacts {
  return { root: 'apps/demo', dockerfiles: [], compose: [], kubernetes: [], ci: [], serverless: [], migrations: [], targets: [], ...partial };
}
