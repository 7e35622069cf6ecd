import * as path from 'node:path';
import { addProjectConfiguration, logger, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { FsTree } from 'nx/src/generators/tree';
import { parseYaml, type DeployPlan, type FlowStep } from '@deploy-plan/core';
import { planGenerator } from './plan';

const repo = path.resolve(__dirname, '../../../../..');

beforeEach(() => jest.spyOn(logger, 'info').mockImplementation(() => undefined));
// Under jest, Prettier's dynamic import is refused, so Nx's formatFiles warns and skips; the
// real-nx e2e checks the formatting.
beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterEach(() => jest.restoreAllMocks());

/** The repository as a generator sees it, with the example's plan moved aside. */
function exampleTree(name: string): Tree {
  const tree = new FsTree(repo, false);
  tree.delete(`examples/${name}/deploy-plan.yaml`);
  return tree;
}

function generated(tree: Tree, name: string): DeployPlan {
  const text = tree.read(`examples/${name}/deploy-plan.yaml`, 'utf-8')!;
  expect(text.startsWith('# yaml-language-server: $schema=../../schemas/deploy-plan.schema.json\n')).toBe(true);
  return parseYaml(text).value as unknown as DeployPlan;
}

const routesOf = (plan: DeployPlan): string[] =>
  Object.values(plan.functionality.flows ?? {}).flatMap((steps: FlowStep[] | undefined) =>
    (steps ?? []).flatMap((s) => (s.route ? [s.route] : [])),
  );

describe('plan generator on the examples (plan moved aside)', () => {
  it('orders-api: an Express API on Kubernetes with an OpenFeature flag, routes, health checks and env', async () => {
    const tree = exampleTree('orders-api');
    await planGenerator(tree, { project: 'orders-api' });
    const plan = generated(tree, 'orders-api');
    expect(plan.codeTypes).toEqual(['api']);
    expect(plan.deployment.method).toBe('kubernetes');
    // GET /metrics serves the platform's scraper, not users: not a request flow.
    expect(routesOf(plan)).toEqual(['POST /api/v1/orders', 'GET /api/v1/orders/:id']);
    expect(plan.healthChecks?.map((h) => [h.path, h.kind])).toEqual([
      ['/health/live', 'liveness'],
      ['/health/ready', 'readiness'],
    ]);
    expect(plan.featureFlags?.map((f) => [f.key, f.provider])).toEqual([['express-checkout', 'openfeature']]);
    expect(plan.env?.map((e) => e.name)).toEqual([
      'PORT',
      'DATABASE_URL',
      'PAYMENTS_API_URL',
      'PAYMENTS_API_KEY',
      'FLAGD_HOST',
    ]);
    // The series its PrometheusRule records and alerts on, not the raw counters they are built from.
    expect(plan.monitoring.metrics?.map((m) => m.name)).toEqual([
      'order_success_rate',
      'order_latency_p95',
      'payments_success_rate',
    ]);
    expect(plan.deployment.steps?.map((s) => s.commands)).toEqual([
      ['npm run build'],
      ['npm run deploy:staging'],
      ['npm run deploy:production'],
    ]);
  });

  it('storefront-web: a Next.js UI on Vercel with a GrowthBook flag', async () => {
    const tree = exampleTree('storefront-web');
    await planGenerator(tree, { project: 'storefront-web' });
    const plan = generated(tree, 'storefront-web');
    expect(plan.codeTypes).toEqual(['ui']);
    expect(plan.deployment.method).toBe('serverless');
    // Its health route checks the orders API: readiness, not an invented path.
    expect(plan.healthChecks?.map((h) => [h.path, h.kind])).toEqual([['/shop/api/health', 'readiness']]);
    expect(plan.featureFlags?.map((f) => [f.key, f.provider])).toEqual([['express-checkout-button', 'growthbook']]);
    expect(plan.env?.map((e) => e.name)).toEqual(['GROWTHBOOK_API_HOST', 'GROWTHBOOK_CLIENT_KEY', 'ORDERS_API_URL']);
    expect(Object.keys(plan.functionality.flows ?? {})).toEqual(['user', 'admin', 'system']);
  });

  it('invoice-worker: a background job with a Fastify health server and an env flag', async () => {
    const tree = exampleTree('invoice-worker');
    await planGenerator(tree, { project: 'invoice-worker' });
    const plan = generated(tree, 'invoice-worker');
    expect(plan.codeTypes).toEqual(['api', 'background-job']);
    expect(plan.healthChecks?.map((h) => [h.path, h.kind])).toEqual([
      ['/health/live', 'liveness'],
      ['/health/ready', 'readiness'],
    ]);
    expect(plan.featureFlags?.map((f) => [f.key, f.provider, f.env])).toEqual([
      ['INVOICE_RENDERER_V2_ENABLED', 'env', 'INVOICE_RENDERER_V2_ENABLED'],
    ]);
    expect(plan.env?.map((e) => e.name)).toEqual([
      'REDIS_URL',
      'INVOICE_BUCKET',
      'WORKER_CONCURRENCY',
      'HEALTH_PORT',
      'INVOICE_RENDERER_V2_ENABLED',
    ]);
  });

  it('billing-db: a database package with knex migrations', async () => {
    const tree = exampleTree('billing-db');
    await planGenerator(tree, { project: 'billing-db' });
    const plan = generated(tree, 'billing-db');
    expect(plan.codeTypes).toEqual(['database']);
    expect(plan.migrations).toMatchObject({ tool: 'knex', directory: 'migrations' });
    expect(plan.env?.map((e) => e.name)).toEqual(['BILLING_DATABASE_URL']);
    expect(plan.healthChecks).toBeUndefined();
  });

  it('fails the check until every placeholder is answered', async () => {
    const tree = exampleTree('orders-api');
    await planGenerator(tree, { project: 'orders-api' });
    expect(tree.read('examples/orders-api/deploy-plan.yaml', 'utf-8')).toContain('TODO(deploy-plan)');
  });
});

describe('plan generator safety', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    addProjectConfiguration(tree, 'api', { root: 'apps/api', projectType: 'application' });
    addProjectConfiguration(tree, 'web', { root: 'apps/web', projectType: 'application' });
    addProjectConfiguration(tree, 'shared', { root: 'libs/shared', projectType: 'library' });
    tree.write('apps/web/deploy-plan.yaml', 'project: web\n');
  });
  it('never replaces a plan without --overwrite', async () => {
    await expect(planGenerator(tree, { project: 'web' })).rejects.toThrow(
      'apps/web/deploy-plan.yaml already exists; pass --overwrite to replace it.',
    );
    expect(tree.read('apps/web/deploy-plan.yaml', 'utf-8')).toBe('project: web\n');
    await planGenerator(tree, { project: 'web', overwrite: true });
    expect(tree.read('apps/web/deploy-plan.yaml', 'utf-8')).toContain('project: web');
    expect(tree.read('apps/web/deploy-plan.yaml', 'utf-8')).toContain('TODO(deploy-plan)');
  });

  it('--all covers deployable projects without a plan only, says what it skipped and why, and what next', async () => {
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    await planGenerator(tree, { all: true });
    expect(tree.exists('apps/api/deploy-plan.yaml')).toBe(true);
    expect(tree.exists('libs/shared/deploy-plan.yaml')).toBe(false);
    expect(tree.read('apps/web/deploy-plan.yaml', 'utf-8')).toBe('project: web\n');
    const said = info.mock.calls.map(([text]) => String(text));
    expect(said).toContain('deploy-plan: skipped web: it has apps/web/deploy-plan.yaml.');
    expect(said).toContain(
      'deploy-plan: skipped shared: a library with no deployment files (Dockerfile, k8s/, serverless.yml, ' +
        'vercel.json, ...).',
    );
    const summary = said.find((t) => t.startsWith('deploy-plan: api: '))!.split('\n');
    expect(summary[summary.length - 1]).toMatch(
      /^ {2}\d+ questions left \(each a TODO\(deploy-plan\)\): answer them, then run `deploy-plan check apps\/api`\.$/,
    );
  });

  it('refuses an unknown project', async () => {
    await expect(planGenerator(tree, { project: 'nope' })).rejects.toThrow('There is no project named "nope".');
  });
});
