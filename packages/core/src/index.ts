export {
  SEVERITIES,
  compareDiagnostics,
  interpolate,
  isAtLeast,
  severityRank,
  sortDiagnostics,
} from './diagnostic';
export type { Diagnostic, RelatedLocation, Severity, Suppression } from './diagnostic';
export { escapePointerSegment, getAtPointer, joinPointer, parentPointer, parsePointer, pointerToPath } from './pointer';
export { LineIndex } from './source/line-index';
export type { Position } from './source/line-index';
export { DEFAULT_MAX_FILE_SIZE, firstInvalidUtf8, readSourceFile } from './source/read-source';
export type { ReadResult, SourceFileSystem } from './source/read-source';
export { DEFAULT_YAML_LIMITS, parseYaml } from './yaml/parse-yaml';
export type { ParsedYaml, YamlLimits, YamlProblem } from './yaml/parse-yaml';
export { buildPositionMap } from './yaml/position-map';
export type { NodeLocation, PositionMap, SourceRange } from './yaml/position-map';
export { checkAliasExpansion } from './yaml/alias-budget';
export { configValidator, planValidator } from './schema/validate';
export type { AjvError, SchemaValidator } from './schema/validate';
export { describeValue, explainSchemaErrors, listOr } from './schema/explain-errors';
export type { SchemaIssue } from './schema/explain-errors';
export { didYouMean, editDistance } from './schema/did-you-mean';
export { BUILTIN_RULES } from './rules/builtin-rules';
export type { BuiltinRule } from './rules/builtin-rules';
export { DOCS_BASE_URL, docsUrlFor } from './rules/docs-url';
export { builtinDiagnostic, loadDocument, loadPlan, relativePosix } from './plan/load-plan';
export type { LoadedDocument, LoadedPlan, LoadOptions, SourceSpan } from './plan/load-plan';
export { PLAN_FILE_NAMES, findPlanFiles, findWorkspaceRoot } from './discover/find-plans';
export type { FindPlansOptions, FindPlansResult } from './discover/find-plans';
export { runCheck } from './check/run-check';
export type { CheckOptions, CheckResult, PlanResult } from './check/run-check';
export type * from './generated/plan';
export type { DeployPlanConfig } from './generated/config';
