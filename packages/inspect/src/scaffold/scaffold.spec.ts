import type { CodeFacts, FileFacts } from '@deploy-plan/core';
import { parseDockerfile } from '../files/dockerfile';
import { scaffoldPlan } from './scaffold';

const code: CodeFacts = { routes: [], flags: [], env: [], metrics: [], files: [] };

function files(dockerfile: string): FileFacts {
  return {
    root: 'apps/api',
    dockerfiles: [{ file: 'apps/api/Dockerfile', ...parseDockerfile(dockerfile) }],
    compose: [],
    kubernetes: [],
    ci: [],
    serverless: [],
    migrations: [],
    targets: [],
  };
}

const buildCommand = (dockerfile: string) =>
  /docker build [^\n"\]]*/.exec(
    scaffoldPlan({ project: 'api', projectRoot: 'apps/api', code, files: files(dockerfile), schemaPath: 's.json' })
      .text,
  )?.[0];

describe('the image step builds with the context the Dockerfile expects', () => {
  it.each([
    ['the project folder, for COPY . .', 'FROM node:22\nCOPY . .\n', 'docker build -t api apps/api'],
    [
      'the workspace root, for an Nx Dockerfile copying dist/',
      'FROM node:22\nCOPY dist/apps/api ./\n',
      'docker build -f apps/api/Dockerfile -t api .',
    ],
    [
      "the workspace root, for COPY of the project's own path",
      'FROM node:22\nCOPY apps/api/package.json ./\n',
      'docker build -f apps/api/Dockerfile -t api .',
    ],
  ])('%s', (_name, dockerfile, command) => {
    expect(buildCommand(dockerfile)).toBe(command);
  });
});

describe('services come from what the health handlers call', () => {
  it('fills `verifies` and `dependencies.services` in a project with no package.json of its own', () => {
    const route = (path: string, check: 'checks-dependencies' | 'returns-constant', checkReaches?: string[]) => ({
      method: 'GET',
      path,
      confidence: 'literal' as const,
      framework: 'express',
      check,
      checkReason: 'how it was classified',
      ...(checkReaches ? { checkReaches } : {}),
      file: 'apps/api/src/health.ts',
      line: 3,
      column: 1,
    });
    const withHealth: CodeFacts = {
      ...code,
      routes: [
        route('/health/live', 'returns-constant'),
        route('/health/ready', 'checks-dependencies', ['pg']),
        route('/health/cache', 'checks-dependencies', ['ioredis']),
      ],
    };
    const { text } = scaffoldPlan({
      project: 'api',
      projectRoot: 'apps/api',
      code: withHealth,
      files: files('FROM node:22\nCOPY . .\n'),
      schemaPath: 's.json',
    });
    // Each readiness check verifies what its own handler reaches.
    expect(text).toMatch(/- \{path: \/health\/ready, kind: readiness, verifies: \[postgres\]\}/);
    expect(text).toMatch(/- \{path: \/health\/cache, kind: readiness, verifies: \[redis\]\}/);
    // Lists the builder shares are written out in full: no YAML anchors or aliases.
    expect(text).not.toMatch(/[&*]a\d/);
    expect(text).toMatch(/services:\n\s+- \{name: postgres,[^\n]*\n\s+- \{name: redis,/);
  });
});
