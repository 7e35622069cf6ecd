/**
 * Packages whose meaning the analyses model (frameworks, SDKs, config and metrics libraries).
 * When one of them is developed in the same repository as the code that uses it (a framework's
 * own samples, an SDK's examples), an import of it stays an import of that package: its source
 * is not followed as if it were the project's own code.
 */
const EXACT = new Set([
  'express',
  'router',
  'express-promise-router',
  'fastify',
  'fastify-plugin',
  'koa',
  'koa-router',
  'koa-mount',
  'koa-route',
  'hono',
  'routing-controllers',
  'next',
  'prom-client',
  'envalid',
  'env-var',
  'unleash-client',
  'launchdarkly-node-server-sdk',
  'flagsmith',
  'flagsmith-nodejs',
  'configcat-node',
  'configcat-js',
]);
const PREFIXES = [
  '@nestjs/',
  '@trpc/server',
  '@fastify/',
  '@koa/',
  '@hono/',
  '@opentelemetry/',
  '@openfeature/',
  '@launchdarkly/',
  '@growthbook/',
  '@unleash/',
];

export function isModeledPackage(name: string): boolean {
  return EXACT.has(name) || PREFIXES.some((p) => name.startsWith(p));
}
