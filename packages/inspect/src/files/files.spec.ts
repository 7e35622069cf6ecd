import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDockerfile, urlPath } from './dockerfile';
import { parseManifests } from './manifests';
import { gatherFileFacts } from './project-files';

const repo = path.resolve(__dirname, '../../../..');

describe('parseDockerfile', () => {
  it('reads HEALTHCHECK (shell and exec form), EXPOSE, continuations and comments', () => {
    const text = [
      'FROM node:20',
      '# HEALTHCHECK CMD curl http://localhost/commented',
      'EXPOSE 3000 9229/tcp',
      'HEALTHCHECK --interval=10s \\',
      '  CMD curl -fsS http://localhost:3000/health/ready?full=1 || exit 1',
    ].join('\n');
    expect(parseDockerfile(text)).toEqual({
      expose: [3000, 9229],
      copies: [],
      healthcheck: {
        command: 'curl -fsS http://localhost:3000/health/ready?full=1 || exit 1',
        path: '/health/ready',
        line: 4,
        column: 1,
      },
    });
    expect(parseDockerfile('FROM x\n  HEALTHCHECK CMD curl -f http://x/up').healthcheck).toMatchObject({
      line: 2,
      column: 3,
    });
    expect(parseDockerfile('\uFEFFHEALTHCHECK CMD curl -f http://x/up').healthcheck).toMatchObject({
      line: 1,
      column: 1,
      path: '/up',
    });
    expect(parseDockerfile('HEALTHCHECK CMD ["wget", "-qO-", "http://127.0.0.1:8080/healthz"]').healthcheck?.path).toBe(
      '/healthz',
    );
    expect(parseDockerfile('HEALTHCHECK NONE').healthcheck).toBeUndefined();
  });

  it('finds the path of the first URL', () => {
    expect(urlPath('curl http://svc:80')).toBe('/');
    expect(urlPath('node healthcheck.js')).toBeUndefined();
    // URLs built in code or with shell variables keep their path.
    const node = `node -e "require('http').get('http://localhost:'+(process.env.PORT||8000)+'/health',r=>0)"`;
    expect(urlPath(node)).toBe('/health');
    expect(urlPath('node -e "fetch(\'http://localhost:\' + port).then(ok)"')).toBeUndefined();
    expect(urlPath('wget -qO- http://localhost:${PORT}/readyz')).toBe('/readyz');
    expect(urlPath('node -e "fetch(`http://127.0.0.1:${process.env.PORT}/live?x=1`)"')).toBe('/live');
  });
});

describe('parseDockerfile: what COPY and ADD take from the build context', () => {
  it('lists sources, not destinations, and nothing copied from another stage', () => {
    const text = [
      'FROM node:22 AS build',
      'COPY package.json package-lock.json ./',
      'COPY --chown=node:node dist/apps/api ./dist',
      'COPY --from=build /app/node_modules ./node_modules',
      'ADD ["apps/api/config a.json", "/etc/app/"]',
    ].join('\n');
    expect(parseDockerfile(text).copies).toEqual([
      'package.json',
      'package-lock.json',
      'dist/apps/api',
      'apps/api/config a.json',
    ]);
  });
});

describe('parseManifests', () => {
  it('reads probes of workloads across documents, with their lines', () => {
    const text = [
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: api }',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          readinessProbe:',
      '            httpGet: { path: /ready, port: http }',
      '          livenessProbe:',
      '            tcpSocket: { port: 3000 }',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: { name: nightly }',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: job',
      '              startupProbe: { httpGet: { path: /started, port: 8080 } }',
    ].join('\n');
    expect(parseManifests(text)).toEqual([
      { kind: 'Service', name: 'api', probes: [] },
      {
        kind: 'Deployment',
        name: 'api',
        probes: [
          { kind: 'liveness', path: undefined, port: undefined, line: 16, column: 11 },
          { kind: 'readiness', path: '/ready', port: 'http', line: 14, column: 11 },
        ],
      },
      {
        kind: 'CronJob',
        name: 'nightly',
        probes: [{ kind: 'startup', path: '/started', port: 8080, line: 29, column: 15 }],
      },
    ]);
  });

  it('skips documents that are not YAML (Helm templates) without failing', () => {
    expect(parseManifests('kind: Deployment\nspec: {{ .Values.spec | toYaml }}\n')).toEqual([]);
  });
});

describe('gatherFileFacts on the examples', () => {
  it('reads the orders API: scripts, Dockerfile, Argo Rollout probes', () => {
    const facts = gatherFileFacts(path.join(repo, 'examples/orders-api'), repo);
    expect(facts.root).toBe('examples/orders-api');
    expect(facts.packageJson?.scripts['deploy:staging']).toBe('kubectl apply -k k8s/overlays/staging');
    expect(facts.dockerfiles).toEqual([
      {
        file: 'examples/orders-api/Dockerfile',
        expose: [3000],
        copies: ['package.json', 'package-lock.json', '.'],
        healthcheck: expect.objectContaining({ path: '/health/live', line: 14 }),
      },
    ]);
    expect(facts.kubernetes).toEqual([
      {
        file: 'examples/orders-api/k8s/rollout.yaml',
        kind: 'Rollout',
        name: 'orders-api',
        probes: [
          { kind: 'liveness', path: '/health/live', port: 3000, line: 23, column: 11 },
          { kind: 'readiness', path: '/health/ready', port: 3000, line: 28, column: 11 },
        ],
      },
    ]);
  });

  it('reads the storefront: vercel, no manifests', () => {
    const facts = gatherFileFacts(path.join(repo, 'examples/storefront-web'), repo);
    expect(facts.serverless).toEqual([{ file: 'examples/storefront-web/vercel.json', kind: 'vercel' }]);
    expect(facts.kubernetes).toEqual([]);
    expect(facts.dockerfiles).toEqual([]);
  });

  it('reads the billing database: knex migrations and a Job', () => {
    const facts = gatherFileFacts(path.join(repo, 'examples/billing-db'), repo);
    expect(facts.migrations).toEqual([{ tool: 'knex', directory: 'examples/billing-db/migrations', count: 2 }]);
    expect(facts.kubernetes.map((k) => k.kind)).toEqual(['Job']);
    expect(facts.targets).toContain('migrate:down');
  });
});

describe('gatherFileFacts in an integrated repository', () => {
  it("gives a project without package.json the root's scripts, and says when nx.json has plugins", () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-integrated-'));
    fs.writeFileSync(path.join(ws, 'package.json'), JSON.stringify({ scripts: { 'deploy:api': 'helm upgrade api' } }));
    fs.writeFileSync(path.join(ws, 'nx.json'), JSON.stringify({ plugins: ['@nx/webpack/plugin'] }));
    fs.mkdirSync(path.join(ws, 'apps/api'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'apps/api/project.json'), JSON.stringify({ targets: { serve: {} } }));
    fs.mkdirSync(path.join(ws, 'apps/web'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'apps/web/package.json'), JSON.stringify({ scripts: { build: 'vite build' } }));
    const api = gatherFileFacts(path.join(ws, 'apps/api'), ws);
    expect(api).toMatchObject({ workspaceScripts: { 'deploy:api': 'helm upgrade api' }, nxPlugins: true });
    expect(api.targets).toEqual(['serve']);
    const web = gatherFileFacts(path.join(ws, 'apps/web'), ws);
    expect(web.workspaceScripts).toBeUndefined();
    expect(web.packageJson?.scripts).toEqual({ build: 'vite build' });
    fs.rmSync(ws, { recursive: true, force: true });
  });
});
