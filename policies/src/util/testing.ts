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

/** Rollout, alerting and flag facts for policy tests: none, but the given parts. */
export function infrastructureFacts(
  partial: Partial<import('@deploy-plan/core').InfrastructureFacts> = {},
): import('@deploy-plan/core').InfrastructureFacts {
  return {
    controllers: [],
    analysisTemplates: [],
    alertRules: [],
    recordingRules: [],
    flags: [],
    notUnderstood: [],
    ...partial,
  };
}
