import type { FileFacts } from '@deploy-plan/core';

/** Project-file facts for policy tests: an empty project, with the given parts. */
export function fileFacts(partial: Partial<FileFacts> = {}): FileFacts {
  return {
    root: 'apps/demo',
    dockerfiles: [],
    compose: [],
    kubernetes: [],
    ci: [],
    serverless: [],
    migrations: [],
    targets: [],
    ...partial,
  };
}

/** Code facts for policy tests: a project with one source file and the given facts. */
export function codeFacts(
  partial: Partial<import('@deploy-plan/core').CodeFacts> = {},
): import('@deploy-plan/core').CodeFacts {
  return { routes: [], flags: [], env: [], metrics: [], files: ['apps/demo/src/main.ts'], ...partial };
}
