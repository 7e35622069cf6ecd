import * as path from 'node:path';
import type { CodeFacts, FactProvider, InspectionFailure, ProjectFacts } from '@deploy-plan/core';
import { gatherFileFacts } from './files/project-files';
import { readNxGraph } from './graph/nx-graph';

export interface FactProviderOptions {
  /** Where the code-facts cache lives; false turns it off. */
  cacheDir?: string | false;
}

const NO_CODE: CodeFacts = { routes: [], flags: [], env: [], metrics: [], files: [] };

/** One failure for a whole project, at its folder, with the error's first line. */
function projectFailure(root: string, projectDir: string, error: unknown): InspectionFailure {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] || 'unknown error';
  return { file: path.relative(root, projectDir).split(path.sep).join('/') || '.', line: 1, column: 1, message };
}

/**
 * The fact provider the CLI hands to runCheck: it gathers only the kinds of facts the enabled
 * policies need for a project. ts-morph is loaded the first time a policy needs code facts
 * (and not at all when they come from the cache). What throws while gathering one kind of
 * fact for one project becomes a failure fact (`code/inspection-failed`), never a lost run.
 */
export function createFactProvider(options: FactProviderOptions = {}): FactProvider {
  return (request) => {
    const facts: ProjectFacts = {};
    const failures: InspectionFailure[] = [];
    const attempt = (work: () => void) => {
      try {
        work();
      } catch (error) {
        failures.push(projectFailure(request.root, request.projectDir, error));
      }
    };
    if (request.needs.includes('files'))
      attempt(() => (facts.files = gatherFileFacts(request.projectDir, request.root)));
    if (request.needs.includes('graph') || request.needs.includes('files')) {
      // Graph facts are cheap (one file, read once per run) and make `files` checks of Nx
      // targets exact, so they come along with file facts.
      attempt(() => {
        const graph = readNxGraph(request.root);
        if (graph) facts.graph = graph;
      });
    }
    if (request.needs.includes('code')) {
      attempt(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a policy needs code facts
        const { inspectCode } = require('./code/inspect-code') as typeof import('./code/inspect-code');
        const envFlags = (request.plan?.featureFlags ?? []).flatMap((f) => (f.env ? [f.env] : []));
        facts.code = inspectCode(request.projectDir, request.root, {
          routeWrappers: request.config.inspect.routeWrappers,
          flagWrappers: request.config.inspect.flagWrappers,
          dependencyClients: request.config.inspect.dependencyClients,
          maxSourceFiles: request.config.inspect.maxSourceFiles,
          envFlags,
          cacheDir: options.cacheDir,
        });
      });
      // A project whose code could not be read at all: no facts, so no policy claims absence.
      facts.code ??= NO_CODE;
      failures.push(...(facts.code.failures ?? []));
    }
    if (failures.length) facts.failures = failures;
    return facts;
  };
}
