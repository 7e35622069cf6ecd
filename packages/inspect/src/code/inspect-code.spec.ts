import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultCacheDir, inspectCode } from './inspect-code';

const fixtures = path.resolve(__dirname, '../__fixtures__');
const inspect = (name: string, options = {}) =>
  inspectCode(path.join(fixtures, name), fixtures, { cacheDir: false, ...options });
const routes = (name: string, options = {}) =>
  inspect(name, options).routes.map((r) => [
    r.method,
    r.path,
    r.confidence,
    `${r.file.slice(name.length + 1)}:${r.line}`,
    r.check ?? '',
  ]);

describe('routes', () => {
  it('Express: prefixed and nested routers, app.route chains, routers built by functions, env-derived prefixes', () => {
    expect(routes('express-prefixed')).toEqual([
      ['GET', '/${env:ADMIN_PREFIX}/stats', 'env-derived', 'src/routes/admin.ts:5', ''],
      ['GET', '/api/v1/orders', 'resolved', 'src/routes/orders.ts:7', ''],
      ['POST', '/api/v1/orders', 'resolved', 'src/routes/orders.ts:9', ''],
      ['GET', '/api/v1/orders/:id', 'resolved', 'src/routes/orders.ts:8', ''],
      ['GET', '/health/live', 'resolved', 'src/routes/health.ts:7', 'returns-constant'],
      ['GET', '/health/ready', 'resolved', 'src/routes/health.ts:11', 'checks-dependencies'],
      ['GET', '/status', 'literal', 'src/app.ts:17', 'returns-constant'],
      ['HEAD', '/status', 'literal', 'src/app.ts:17', 'returns-constant'],
    ]);
  });

  it('.mts and .cts files, imported as ./x.mjs and ./x.cjs, as TypeScript resolves them', () => {
    expect(routes('esm-extensions').map(([method, p, , site]) => [method, p, site])).toEqual([
      ['GET', '/api/health', 'src/health.mts:3'],
      ['GET', '/ready', 'src/main.mts:6'],
    ]);
    expect(inspect('esm-extensions').env.map((e) => e.name)).toEqual(['HEALTH_TOKEN', 'READY_FLAG']);
  });

  it('does not count routes in comments, strings or test files', () => {
    const paths = inspect('express-prefixed').routes.map((r) => r.path);
    expect(paths).not.toContain('/commented-out');
    expect(paths).not.toContain('/in-a-string');
    expect(paths).not.toContain('/only-in-tests');
  });

  it('NestJS: global prefix with excludes, URI versioning, method versions, RouterModule, terminus', () => {
    expect(routes('nest-app')).toEqual([
      ['GET', '/api/admin/users', 'resolved', 'src/admin/users.controller.ts:8', ''],
      ['GET', '/api/v1/orders', 'resolved', 'src/orders/orders.controller.ts:5', ''],
      ['GET', '/api/v1/orders/:id', 'resolved', 'src/orders/orders.controller.ts:10', ''],
      ['POST', '/api/v2/orders', 'resolved', 'src/orders/orders.controller.ts:15', ''],
      ['GET', '/health', 'resolved', 'src/health/health.controller.ts:11', 'returns-constant'],
      ['GET', '/health/ready', 'resolved', 'src/health/health.controller.ts:16', 'checks-dependencies'],
    ]);
  });

  it('NestJS terminus: a readiness check reaches the clients behind its indicators, not disk or memory', () => {
    const reaches = (dir: string) =>
      inspectCode(dir, path.dirname(dir), { cacheDir: false }).routes.flatMap((r) =>
        r.checkReaches ? [[r.path, r.checkReaches]] : [],
      );
    expect(reaches(path.join(fixtures, 'nest-app'))).toEqual([['/health/ready', ['typeorm']]]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-terminus-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(
        path.join(dir, 'src/health.controller.ts'),
        [
          "import { Controller, Get } from '@nestjs/common';",
          'import {',
          '  HealthCheck, HealthCheckService, HttpHealthIndicator, MemoryHealthIndicator,',
          "  MongooseHealthIndicator as Mongo, DiskHealthIndicator } from '@nestjs/terminus';",
          '',
          "@Controller('ready')",
          'export class HealthController {',
          '  constructor(',
          '    private health: HealthCheckService,',
          '    private http: HttpHealthIndicator,',
          '    private memory: MemoryHealthIndicator,',
          '    private mongo: Mongo,',
          '    private disk: DiskHealthIndicator,',
          '  ) {}',
          '',
          '  @Get()',
          '  @HealthCheck()',
          '  check() {',
          '    return this.health.check([',
          "      () => this.http.pingCheck('billing', 'http://billing/health'),",
          "      async () => this.mongo.pingCheck('mongo'),",
          "      () => this.memory.checkHeap('heap', 150 * 1024 * 1024),",
          "      () => this.disk.checkStorage('disk', { path: '/', thresholdPercent: 0.9 }),",
          '    ]);',
          '  }',
          '}',
          '',
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'package.json'), '{"dependencies":{"@nestjs/terminus":"^11.0.0"}}');
      expect(reaches(dir)).toEqual([['/ready', ['@nestjs/axios', 'mongoose']]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('Fastify: plugins registered with a prefix, autoload folders, route({ method: [...] })', () => {
    expect(routes('fastify-plugins')).toEqual([
      ['GET', '/_/live', 'resolved', 'src/plugins/health.ts:7', 'returns-constant'],
      ['GET', '/_/ready', 'resolved', 'src/plugins/health.ts:9', 'checks-dependencies'],
      ['GET', '/api', 'resolved', 'src/routes/root.ts:4', ''],
      ['GET', '/api/orders', 'resolved', 'src/routes/orders/index.ts:4', ''],
      ['POST', '/api/orders', 'resolved', 'src/routes/orders/index.ts:5', ''],
      ['GET', '/version', 'literal', 'src/server.ts:10', ''],
      ['HEAD', '/version', 'literal', 'src/server.ts:10', ''],
    ]);
  });

  it('Next.js: app router route files (groups, dynamic segments), pages/api and basePath', () => {
    expect(routes('next-app')).toEqual([
      ['GET', '/shop/api/health', 'literal', 'app/api/health/route.ts:3', 'returns-constant'],
      ['ALL', '/shop/api/status', 'literal', 'pages/api/status.ts:3', 'returns-constant'],
      ['DELETE', '/shop/orders/:id', 'literal', 'app/(store)/orders/[id]/route.ts:8', ''],
      ['GET', '/shop/orders/:id', 'literal', 'app/(store)/orders/[id]/route.ts:3', ''],
    ]);
  });

  it('Koa router prefixes and nested routers; Hono basePath and route()', () => {
    expect(routes('koa-hono')).toEqual([
      ['GET', '/hono/books/:id', 'resolved', 'src/hono.ts:4', ''],
      ['GET', '/hono/health', 'resolved', 'src/hono.ts:8', 'returns-constant'],
      ['GET', '/koa/ping', 'resolved', 'src/koa.ts:12', 'returns-constant'],
      ['GET', '/koa/v1/items', 'resolved', 'src/koa.ts:8', ''],
    ]);
  });

  it('routes registered through a wrapper described in config', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-wrap-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(
      path.join(dir, 'src/routes.ts'),
      "import { registerRoute } from './http';\nregisterRoute('GET', '/healthz', () => ({ ok: true }));\n",
    );
    const facts = inspectCode(dir, dir, {
      cacheDir: false,
      routeWrappers: [{ callee: 'registerRoute', methodArgument: 0, pathArgument: 1 }],
    });
    expect(facts.routes.map((r) => [r.method, r.path, r.framework, r.line])).toEqual([
      ['GET', '/healthz', 'wrapper', 2],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('health handlers', () => {
  it(
    'classifies readiness handlers: constant, weak (caught, fire-and-forget), and a ' +
      'helper that is no longer called',
    () => {
      expect(inspect('health-negative').routes.map((r) => [r.path, r.check])).toEqual([
        ['/health/db', 'weak'],
        ['/health/ready', 'weak'],
        ['/readyz', 'returns-constant'],
        ['/status/ready', 'returns-constant'],
      ]);
    },
  );

  it('explains the classification, naming the call the handler makes and the client it reaches', () => {
    const ready = inspect('express-prefixed').routes.find((r) => r.path === '/health/ready')!;
    expect(ready.checkReason).toBe(
      'awaits checkDatabase(...), which reaches pool.query(...) (pg), and answers from the result',
    );
  });
});

describe('feature flags', () => {
  it('finds SDK reads behind enums, consts and wrappers, and tells guards from read-only', () => {
    const flags = inspect('flags-sdk', { flagWrappers: [{ callee: 'isFeatureEnabledFor', keyArgument: 1 }] }).flags;
    expect(flags.map((f) => [f.key, f.provider, f.guard, `${f.file.slice('flags-sdk/'.length)}:${f.line}`])).toEqual([
      ['dark-mode', 'growthbook', 'guards', 'src/Banner.tsx:6'],
      ['promo', 'configcat', 'guards', 'src/configcat.ts:6'],
      ['FEATURE_REPORTS_ENABLED', 'env', 'guards', 'src/env-flags.ts:1'],
      ['SEARCH_V2_ENABLED', 'env', 'read-only', 'src/env-flags.ts:10'],
      ['bulk-export', 'launchdarkly', 'read-only', 'src/export.ts:9'],
      ['beta', 'flagsmith', 'guards', 'src/flagsmith.ts:7'],
      ['new-checkout', 'openfeature', 'guards', 'src/openfeature.ts:8'],
      ['archive-orders', 'unleash', 'guards', 'src/unleash.ts:5'],
      ['vip-lounge', 'custom', 'guards', 'src/wrapper.ts:4'],
    ]);
  });

  it('reads an env variable the plan declares as a flag, whatever its name', () => {
    const flags = inspect('flags-sdk', { envFlags: ['CONFIGCAT_KEY'] }).flags;
    expect(flags.find((f) => f.key === 'CONFIGCAT_KEY')).toMatchObject({ provider: 'env', guard: 'read-only' });
  });
});

describe('env and metrics', () => {
  it('reads env through process.env, destructuring, ConfigService and helper functions', () => {
    expect(inspect('nest-app').env.map((e) => e.name)).toEqual(['ADMIN_TOKEN']);
    expect(inspect('express-prefixed').env.map((e) => e.name)).toEqual(['ADMIN_PREFIX', 'DATABASE_URL', 'PORT']);
  });

  it('reads envalid and zod env schemas', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-env-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(
      path.join(dir, 'src/env.ts'),
      [
        "import { cleanEnv, str, port } from 'envalid';",
        "import { z } from 'zod';",
        'export const env = cleanEnv(process.env, { API_URL: str(), PORT: port() });',
        'const schema = z.object({ DATABASE_URL: z.string().url(), REDIS_URL: z.string() });',
        'export const parsed = schema.parse(process.env);',
        'export const key = import.meta.env.VITE_PUBLIC_KEY;',
      ].join('\n'),
    );
    expect(inspectCode(dir, dir, { cacheDir: false }).env.map((e) => [e.name, e.line])).toEqual([
      ['API_URL', 3],
      ['PORT', 3],
      ['DATABASE_URL', 4],
      ['REDIS_URL', 4],
      ['VITE_PUBLIC_KEY', 6],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads prom-client and OpenTelemetry metric names through template literals', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-metrics-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(
      path.join(dir, 'src/metrics.ts'),
      [
        "import client from 'prom-client';",
        "import { metrics } from '@opentelemetry/api';",
        "const NS = 'shop';",
        'export const latency = new client.Histogram({ name: `${NS}_latency_seconds`, help: "h" });',
        "const meter = metrics.getMeter('shop');",
        "export const orders = meter.createCounter('shop.orders');",
        "export const active = meter.createUpDownCounter('shop.active_sessions');",
      ].join('\n'),
    );
    expect(inspectCode(dir, dir, { cacheDir: false }).metrics.map((m) => [m.name, m.type, m.line])).toEqual([
      ['shop_latency_seconds', 'histogram', 4],
      ['shop.orders', 'counter', 6],
      ['shop.active_sessions', 'gauge', 7],
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('an Nx workspace', () => {
  it(
    'follows tsconfig paths and workspace packages into libraries (solution-style ' +
      'tsconfig, comments in tsconfig.base.json)',
    () => {
      const root = path.join(fixtures, 'nx-workspace');
      const facts = inspectCode(path.join(root, 'apps/api'), root, { cacheDir: false, envFlags: ['UPLOADS_ENABLED'] });
      expect(facts.files).toEqual([
        'apps/api/src/main.ts',
        'libs/flags/src/index.ts',
        'libs/flags/src/lib/flags.ts',
        'libs/http/src/health.ts',
        'libs/metrics/src/index.ts',
      ]);
      expect(facts.routes.map((r) => [r.method, r.path, r.confidence])).toEqual([
        ['GET', '/healthz', 'resolved'],
        ['POST', '/upload', 'literal'],
      ]);
      expect(facts.flags.map((f) => [f.key, f.guard, f.file])).toEqual([
        ['UPLOADS_ENABLED', 'guards', 'libs/flags/src/lib/flags.ts'],
      ]);
      expect(facts.metrics.map((m) => m.name)).toEqual(['acme_uploads_total']);
    },
  );
});

describe('code nested deeper than any walk should recurse', () => {
  // Ten times the depth that once cost every project its results (generated and minified code).
  const shapes: Record<string, string> = {
    'parens.ts': `export const a = ${'('.repeat(10_000)}1${')'.repeat(10_000)};`,
    'arrays.ts': `export const b = ${'['.repeat(20_000)}${']'.repeat(20_000)};`,
    'ifs.ts': `export function f(x: number) {\n${'if (x) {\n'.repeat(15_000)}x++;\n${'}\n'.repeat(15_000)}}`,
    'chain.ts': `declare const o: any;\nexport const c = o${'.m()'.repeat(10_000)};`,
    'concat.ts': `export const d = ${Array.from({ length: 30_000 }, () => '"x"').join(' + ')};`,
  };

  it('costs at most a finding at the file the parser cannot read; the rest of the project is inspected', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-deep-'));
    try {
      fs.cpSync(path.join(fixtures, 'express-prefixed'), path.join(root, 'app'), { recursive: true });
      const expected = inspectCode(path.join(root, 'app'), root, { cacheDir: false }).routes;
      for (const [name, text] of Object.entries(shapes)) fs.writeFileSync(path.join(root, 'app/src', name), text);
      const facts = inspectCode(path.join(root, 'app'), root, { cacheDir: false });
      expect(facts.routes).toEqual(expected);
      // Whatever the parser itself cannot read is named, at its file, as the parser's limit.
      for (const f of facts.failures ?? []) {
        expect([path.basename(f.file), f.stage]).toEqual([expect.stringMatching(/^(parens|arrays|ifs)\.ts$/), 'parse']);
      }
      expect(facts.files).toEqual(expect.arrayContaining(['app/src/chain.ts', 'app/src/concat.ts']));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the source-file cap', () => {
  it('reads at most maxSourceFiles files and says how many it left out', () => {
    const all = inspect('express-prefixed');
    const capped = inspect('express-prefixed', { maxSourceFiles: 2 });
    expect(all.unknowns?.omittedFiles).toBe(0);
    expect(capped.files.length).toBeLessThanOrEqual(2);
    expect(capped.unknowns).toMatchObject({ omittedFiles: all.files.length - 2, fileLimit: 2 });
  });
});

describe('the facts cache', () => {
  it(
    "lives in the workspace's node_modules/.cache when there is one, else in the " +
      "user's cache folder, never creating node_modules",
    () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cachedir-'));
      const saved = process.env.XDG_CACHE_HOME;
      try {
        const env = { XDG_CACHE_HOME: path.join(root, 'xdg') };
        expect(defaultCacheDir(root, env)).toMatch(
          new RegExp(`^${path.join(root, 'xdg', 'deploy-plan').replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`),
        );
        fs.cpSync(path.join(fixtures, 'express-prefixed'), path.join(root, 'app'), { recursive: true });
        process.env.XDG_CACHE_HOME = env.XDG_CACHE_HOME;
        inspectCode(path.join(root, 'app'), root);
        expect(fs.existsSync(path.join(root, 'node_modules'))).toBe(false);
        expect(fs.readdirSync(path.join(root, 'xdg', 'deploy-plan'))).toHaveLength(1);
        fs.mkdirSync(path.join(root, 'node_modules'));
        expect(defaultCacheDir(root, env)).toBe(path.join(root, 'node_modules', '.cache', 'deploy-plan'));
      } finally {
        if (saved === undefined) delete process.env.XDG_CACHE_HOME;
        else process.env.XDG_CACHE_HOME = saved;
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  );

  it('answers from the cache while files are unchanged, and re-reads a changed file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cache-'));
    fs.cpSync(path.join(fixtures, 'express-prefixed'), path.join(root, 'app'), { recursive: true });
    const cacheDir = path.join(root, 'cache');
    const first = inspectCode(path.join(root, 'app'), root, { cacheDir });
    const [entry] = fs.readdirSync(cacheDir);
    // Tamper with the cached facts: an unchanged project must be answered from the cache.
    const file = path.join(cacheDir, entry);
    const cached = JSON.parse(fs.readFileSync(file, 'utf8'));
    cached.facts.routes = [{ ...cached.facts.routes[0], path: '/from-the-cache' }];
    fs.writeFileSync(file, JSON.stringify(cached));
    expect(inspectCode(path.join(root, 'app'), root, { cacheDir }).routes.map((r) => r.path)).toEqual([
      '/from-the-cache',
    ]);
    // Any change to a source file invalidates it.
    fs.appendFileSync(path.join(root, 'app/src/routes/admin.ts'), '\n// changed\n');
    expect(inspectCode(path.join(root, 'app'), root, { cacheDir }).routes).toEqual(first.routes);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('recomputes an entry of the right key but another shape, and never reads a cache that is not a file', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-cache-'));
    fs.cpSync(path.join(fixtures, 'express-prefixed'), path.join(root, 'app'), { recursive: true });
    const cacheDir = path.join(root, 'cache');
    const first = inspectCode(path.join(root, 'app'), root, { cacheDir });
    const file = path.join(cacheDir, fs.readdirSync(cacheDir)[0]);
    const cached = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const broken of [[{}], [{ ...cached.facts.routes[0], path: 7 }], [null]]) {
      fs.writeFileSync(file, JSON.stringify({ ...cached, facts: { ...cached.facts, routes: broken } }));
      expect(inspectCode(path.join(root, 'app'), root, { cacheDir }).routes).toEqual(first.routes);
    }
    // A named pipe in place of the cache file: not opened (it would block), facts computed.
    fs.rmSync(file);
    spawnSync('mkfifo', [file]);
    expect(inspectCode(path.join(root, 'app'), root, { cacheDir }).routes).toEqual(first.routes);
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('what code inspection loads', () => {
  it('loads the TypeScript compiler and nothing of @deploy-plan/core (the built package, in a fresh node)', () => {
    const script = `
      const { inspectCode } = require('@deploy-plan/inspect/code');
      const facts = inspectCode(process.argv[1], process.argv[2], { cacheDir: false });
      const loaded = Object.keys(require.cache);
      const core = loaded.filter((f) => /[\\\\/]core[\\\\/]dist[\\\\/]/.test(f));
      const compiler = loaded.some((f) => /ts-morph/.test(f));
      process.stdout.write(JSON.stringify({ routes: facts.routes.length, core, compiler }));
    `;
    const run = spawnSync(process.execPath, ['-e', script, path.join(fixtures, 'express-prefixed'), fixtures], {
      encoding: 'utf8',
      cwd: path.resolve(__dirname, '../../../..'),
    });
    expect(run.stderr).toBe('');
    const seen = JSON.parse(run.stdout);
    expect(seen.routes).toBeGreaterThan(0);
    expect(seen.compiler).toBe(true);
    expect(seen.core).toEqual([]);
  });
});
