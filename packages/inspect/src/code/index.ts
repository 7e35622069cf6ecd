// Code inspection with ts-morph's compiler. A separate entry point (`@deploy-plan/inspect/code`)
// so that loading the package does not load the compiler; `inspectCode` loads it only when the
// facts are not in the cache. The analyses themselves are in ./codebase, ./values, ./routes/,
// ./health, ./flags, ./env and ./metrics.
export { inspectCode, INSPECTOR_VERSION } from './inspect-code';
export type { InspectCodeOptions } from './inspect-code';
export { sourceFilesOf } from './sources';
export type { FoundRoute, RouteWrapper } from './routes';
export type { FlagWrapper } from './flags';
