import type { CodeFacts, CodeType, FileFacts } from '@deploy-plan/core';

const has = (deps: ReadonlySet<string>, ...names: (string | RegExp)[]) =>
  [...deps].some((d) => names.some((n) => (typeof n === 'string' ? d === n : n.test(d))));

const UI = [
  'react',
  'react-dom',
  'vue',
  '@angular/core',
  'svelte',
  'solid-js',
  'next',
  'nuxt',
  'preact',
  /^@remix-run\//,
];
const API = ['express', 'fastify', 'koa', '@koa/router', 'hono', '@nestjs/core', '@hapi/hapi', 'restify'];
const JOBS = [
  'bullmq',
  'bull',
  'bee-queue',
  'agenda',
  'node-cron',
  'cron',
  'pg-boss',
  'graphile-worker',
  'kafkajs',
  'amqplib',
];
const MORE_JOBS = ['@aws-sdk/client-sqs', 'sqs-consumer', '@temporalio/worker'];

/** Code types from dependencies, routes, migrations and package.json `bin`. */
export function detectCodeTypes(code: CodeFacts, files: FileFacts): CodeType[] {
  const deps = new Set(files.packageJson?.dependencies ?? []);
  const types: CodeType[] = [];
  const nextRoutes = code.routes.some((r) => r.framework === 'nextjs');
  if (has(deps, ...UI) || nextRoutes) types.push('ui');
  if (code.routes.some((r) => r.framework !== 'nextjs') || has(deps, ...API)) types.push('api');
  if (has(deps, ...JOBS, ...MORE_JOBS)) types.push('background-job');
  if (files.migrations.length) types.push('database');
  if (files.packageJson?.bin) types.push('cli');
  if (!types.length) types.push(has(deps, 'axios', 'got', 'undici', /^@aws-sdk\//) ? 'integration' : 'utility');
  return types;
}

/** The deployment method the project's files show. */
export function detectMethod(files: FileFacts): string {
  const kinds = new Set(files.serverless.map((s) => s.kind));
  if (files.kubernetes.some((k) => k.kind !== 'Service' && k.kind !== 'Ingress') || kinds.has('helm'))
    return 'kubernetes';
  if (['serverless', 'vercel', 'netlify', 'cloudflare-workers', 'aws-sam'].some((k) => kinds.has(k)))
    return 'serverless';
  if (files.dockerfiles.length || files.compose.length) return 'docker';
  if (['procfile', 'app-engine', 'fly', 'render'].some((k) => kinds.has(k))) return 'paas';
  if (kinds.has('pm2')) return 'vm';
  return 'package';
}

const SERVICES: [RegExp, string][] = [
  [/^(pg|postgres|pg-promise|@neondatabase\/.*)$/, 'postgres'],
  [/^(mysql2?|@planetscale\/.*)$/, 'mysql'],
  [/^(mongodb|mongoose)$/, 'mongodb'],
  [/^(ioredis|redis|@upstash\/redis)$/, 'redis'],
  [/^(@prisma\/client|typeorm|sequelize|@mikro-orm\/core)$/, 'database'],
  [/^(kafkajs)$/, 'kafka'],
  [/^(amqplib)$/, 'rabbitmq'],
  [/^(bullmq|bull|bee-queue)$/, 'redis'],
  [/^@aws-sdk\/client-s3$/, 's3'],
  [/^@aws-sdk\/client-sqs$/, 'sqs'],
  [/^@elastic\/elasticsearch$/, 'elasticsearch'],
];

/** Names of a database that say which one it is; `database` (an ORM's) is dropped beside one. */
const NAMED_DATABASES = ['postgres', 'mysql', 'mongodb'];

/** The services these client packages reach (postgres, redis, kafka...), in order, once each. */
export function servicesOf(packages: readonly string[]): string[] {
  const found = new Set(packages.flatMap((d) => SERVICES.filter(([re]) => re.test(d)).map(([, name]) => name)));
  if (NAMED_DATABASES.some((name) => found.has(name))) found.delete('database');
  return [...found];
}

/** The services a project's dependencies reach, from its package.json and its health handlers. */
export function detectServices(files: FileFacts, code?: CodeFacts): string[] {
  return servicesOf([...(files.packageJson?.dependencies ?? []), ...(code ? healthClients(code) : [])]);
}

/**
 * The client packages the health handlers that check dependencies reach (`pg` for
 * `pool.query(...)`, `typeorm` for a terminus `db.pingCheck(...)`): a project of an integrated
 * repository has no package.json of its own to read them from.
 */
function healthClients(code: CodeFacts): string[] {
  return code.routes.flatMap((r) => (r.check === 'checks-dependencies' && r.checkReaches ? r.checkReaches : []));
}
