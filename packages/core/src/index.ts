export {
  SEVERITIES,
  compareDiagnostics,
  describeThrown,
  excerpt,
  interpolate,
  isAtLeast,
  severityRank,
  sortDiagnostics,
} from './diagnostic';
export type {
  BaselineSuppression,
  Diagnostic,
  RelatedLocation,
  Severity,
  Suppression,
  WaiverSuppression,
} from './diagnostic';
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
export { builtinDiagnostic, loadDocument, loadPlan, parseDocument, relativePosix } from './plan/load-plan';
export type { LoadedDocument, LoadedPlan, LoadOptions, SourceSpan } from './plan/load-plan';
export { PLAN_FILE_NAMES, findPlanFiles, findWorkspaceRoot } from './discover/find-plans';
export type { FindPlansOptions, FindPlansResult } from './discover/find-plans';
export { projectName, runCheck } from './check/run-check';
export type { CheckOptions, CheckResult, FactProvider, FactRequest, PlanResult } from './check/run-check';
export { formatDuration, parseDuration } from './duration';
export { CHECKLIST, checklistItem } from './policy/checklist';
export type { ChecklistItem, ChecklistItemId } from './policy/checklist';
export { definePolicy } from './policy/define-policy';
export type {
  AnyPolicy,
  CodeLocation,
  JsonSchemaObject,
  Policy,
  PolicyContext,
  PolicyMeta,
  PolicyNeed,
  PolicyReport,
} from './policy/define-policy';
export type * from './policy/facts';
export { knownTargets } from './policy/facts';
export { comparison, comparisons, controllerOf, controllerStages } from './policy/infrastructure';
export type { Comparison, ControllerStage } from './policy/infrastructure';
export { INTERNAL_ERROR_RULE, deepFreeze, progress, runPolicies } from './policy/run-policies';
export type { ResolvedPolicy, RunPoliciesInput } from './policy/run-policies';
export { CONFIG_FILE_NAMES, loadConfig } from './config/load-config';
export type { LoadedConfig } from './config/load-config';
export { DEFAULT_WAIVER_LIFETIME, PRESETS, projectMatcher, resolveConfig } from './config/resolve-config';
export type { PresetName, ResolveOptions, ResolvedConfig } from './config/resolve-config';
export { describeOptionErrors, validatePolicyOptions } from './config/policy-options';
export { WAIVER_RULES, applyWaivers, isoDate } from './waivers/apply-waivers';
export type { WaiverInput } from './waivers/apply-waivers';
export { readinessOf } from './readiness';
export type { Readiness } from './readiness';
export type * from './generated/plan';
export type { DeployPlanConfig } from './generated/config';
export {
  DEFAULT_ROLLBACK_BUDGETS,
  FLOWS_BY_CODE_TYPE,
  ROLLBACK_KIND_BY_LEVEL,
  SERVICE_CODE_TYPES,
  findScaffoldPlaceholders,
  isPlaceholder,
  isScaffoldPlaceholder,
  isUnanswered,
} from './vocabulary';
export type { FlowName, Placeholder } from './vocabulary';
export { detached } from './detach';
export { globMatcher, globProblem } from './glob';
export type { GlobMatcher } from './glob';
export {
  SUPPRESSIONS_FILE,
  applySuppressions,
  loadSuppressions,
  parseSuppressions,
  pruneSuppressions,
  suppressFindings,
  suppressedCount,
  suppressionsText,
} from './suppressions/suppressions';
export type { LoadedSuppressions, SuppressionEntries, UnusedSuppression } from './suppressions/suppressions';
