import type { FactProvider, ProjectFacts } from '@deploy-plan/core';
import { gatherFileFacts } from './files/project-files';

/**
 * The fact provider the CLI hands to runCheck: it gathers only the kinds of facts the enabled
 * policies need for a project.
 */
export function createFactProvider(): FactProvider {
  return (request) => {
    const facts: ProjectFacts = {};
    if (request.needs.includes('files')) facts.files = gatherFileFacts(request.projectDir, request.root);
    return facts;
  };
}
