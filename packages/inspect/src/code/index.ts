// Code inspection with ts-morph. A separate entry point (`@deploy-plan/inspect/code`) so that
// loading the package does not load ts-morph.
export { inspectCode, INSPECTOR_VERSION } from './inspect-code';
export type { InspectCodeOptions } from './inspect-code';
export { CodeBase, sourceFilesOf } from './codebase';
export { WorkspaceResolver } from './workspace';
export { findRoutes } from './routes';
export type { FoundRoute, RouteWrapper } from './routes';
export { classifyHealthHandler, HEALTH_PATH } from './health';
export { findFlags, FLAG_ENV_NAME } from './flags';
export type { FlagWrapper } from './flags';
export { findEnv, findMetrics } from './env-metrics';
