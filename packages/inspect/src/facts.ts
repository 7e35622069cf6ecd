import type { FactProvider, ProjectFacts } from '@deploy-plan/core';
import { gatherFileFacts } from './files/project-files';
import { readNxGraph } from './graph/nx-graph';

export interface FactProviderOptions {
  /** Where the code-facts cache lives; false turns it off. */
  cacheDir?: string | false;
}

/**
 * The fact provider the CLI hands to runCheck: it gathers only the kinds of facts the enabled
 * policies need for a project. ts-morph is loaded the first time a policy needs code facts
 * (and not at all when they come from the cache).
 */
export function createFactProvider(options: FactProviderOptions = {}): FactProvider {
  return (request) => {
    const facts: ProjectFacts = {};
    if (request.needs.includes('files')) facts.files = gatherFileFacts(request.projectDir, request.root, request.listings);
    if (request.needs.includes('graph') || request.needs.includes('files')) {
      // Graph facts are cheap (one file, read once per run) and make `files` checks of Nx
      // targets exact, so they come along with file facts.
      const graph = readNxGraph(request.root);
      if (graph) facts.graph = graph;
    }
    if (request.needs.includes('code')) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { inspectCode } = require('./code/inspect-code') as typeof import('./code/inspect-code');
      const envFlags = (request.plan?.featureFlags ?? []).flatMap((f) => (f.env ? [f.env] : []));
      facts.code = inspectCode(request.projectDir, request.root, {
        routeWrappers: request.config.inspect.routeWrappers,
        flagWrappers: request.config.inspect.flagWrappers,
        dependencyClients: request.config.inspect.dependencyClients,
        envFlags,
        cacheDir: options.cacheDir,
      });
    }
    return facts;
  };
}
