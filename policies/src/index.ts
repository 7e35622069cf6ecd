import type { AnyPolicy } from '@deploy-plan/core';
import codeEnvMatches from './code/env-matches';
import codeFlagsGuardCode from './code/flags-guard-code';
import codeHealthRouteExists from './code/health-route-exists';
import codeInspectionFailed from './code/inspection-failed';
import codeMetricsEmitted from './code/metrics-emitted';
import codeReadinessChecksDependencies from './code/readiness-checks-dependencies';
import codeUndeclaredFlags from './code/undeclared-flags';
import completenessNoPlaceholders from './completeness/no-placeholders';
import functionalityEdgeCasesHandled from './functionality/edge-cases-handled';
import functionalityFlowsForCodeTypes from './functionality/flows-for-code-types';
import functionalityUniqueIds from './functionality/unique-ids';
import functionalityUniversalQuestions from './functionality/universal-questions';
import deploymentDependenciesDeployed from './deployment/dependencies-deployed';
import deploymentDependencyOrder from './deployment/dependency-order';
import deploymentPipelineEnvironments from './deployment/pipeline-environments';
import deploymentProjectOrder from './deployment/project-order';
import deploymentStepsSupportFlows from './deployment/steps-support-flows';
import deploymentStepsVerified from './deployment/steps-verified';
import rollbackDataLossTrigger from './rollback/data-loss-trigger';
import rollbackImmediateTriggers from './rollback/immediate-triggers';
import rollbackLevelTimeBudget from './rollback/level-time-budget';
import rollbackLevelsComplete from './rollback/levels-complete';
import rollbackLevelsPresent from './rollback/levels-present';
import rollbackTimeToDetect from './rollback/time-to-detect';
import rollbackTriggerTiers from './rollback/trigger-tiers';
import monitoringAlertsMatchRules from './monitoring/alerts-match-rules';
import monitoringAlertsMatchThresholds from './monitoring/alerts-match-thresholds';
import monitoringConditionDirection from './monitoring/condition-direction';
import monitoringFlowsTracked from './monitoring/flows-tracked';
import monitoringKnownMetrics from './monitoring/known-metrics';
import monitoringMetricHygiene from './monitoring/metric-hygiene';
import monitoringMetricsUsed from './monitoring/metrics-used';
import monitoringThresholdOrder from './monitoring/threshold-order';
import healthReadinessVerifies from './health/readiness-verifies';
import healthServiceHealthCheck from './health/service-health-check';
import rolloutBakeCoversGates from './rollout/bake-covers-gates';
import rolloutControllerMatchesStages from './rollout/controller-matches-stages';
import rolloutGateThresholds from './rollout/gate-thresholds';
import rolloutGatesMatchAnalysis from './rollout/gates-match-analysis';
import rolloutStaged from './rollout/staged';
import rolloutStagesGated from './rollout/stages-gated';
import rolloutStagesRiseToFull from './rollout/stages-rise-to-full';
import flagsDeclared from './flags/declared';
import flagsDefinitionsMatch from './flags/definitions-match';
import flagsGuardsFlowSteps from './flags/guards-flow-steps';
import flagsOwnership from './flags/ownership';
import flagsProviderWiring from './flags/provider-wiring';
import flagsSafeDefault from './flags/safe-default';
import envDescribed from './env/described';
import envNoSecretValues from './env/no-secret-values';
import migrationsOrdered from './migrations/ordered';
import migrationsPresentForDatabase from './migrations/present-for-database';
import migrationsReversible from './migrations/reversible';
import projectCommandsExist from './project/commands-exist';
import projectMethodMatchesFiles from './project/method-matches-files';
import projectProbesMatchHealthChecks from './project/probes-match-health-checks';

/**
 * The built-in pack: every item of the deployment checklist as a policy. Order is the order of
 * the method (functionality, deployment, rollback, monitoring, health, rollout, flags, env,
 * migrations); a meta-test checks that every policy file is listed here.
 */
export const builtinPolicies: readonly AnyPolicy[] = [
  completenessNoPlaceholders,
  functionalityEdgeCasesHandled,
  functionalityFlowsForCodeTypes,
  functionalityUniqueIds,
  functionalityUniversalQuestions,
  deploymentDependenciesDeployed,
  deploymentDependencyOrder,
  deploymentPipelineEnvironments,
  deploymentProjectOrder,
  deploymentStepsSupportFlows,
  deploymentStepsVerified,
  rollbackDataLossTrigger,
  rollbackImmediateTriggers,
  rollbackLevelTimeBudget,
  rollbackLevelsComplete,
  rollbackLevelsPresent,
  rollbackTimeToDetect,
  rollbackTriggerTiers,
  monitoringAlertsMatchRules,
  monitoringAlertsMatchThresholds,
  monitoringConditionDirection,
  monitoringFlowsTracked,
  monitoringKnownMetrics,
  monitoringMetricHygiene,
  monitoringMetricsUsed,
  monitoringThresholdOrder,
  healthReadinessVerifies,
  healthServiceHealthCheck,
  rolloutBakeCoversGates,
  rolloutControllerMatchesStages,
  rolloutGateThresholds,
  rolloutGatesMatchAnalysis,
  rolloutStaged,
  rolloutStagesGated,
  rolloutStagesRiseToFull,
  flagsDeclared,
  flagsDefinitionsMatch,
  flagsGuardsFlowSteps,
  flagsOwnership,
  flagsProviderWiring,
  flagsSafeDefault,
  envDescribed,
  envNoSecretValues,
  migrationsOrdered,
  migrationsPresentForDatabase,
  migrationsReversible,
  projectCommandsExist,
  projectMethodMatchesFiles,
  projectProbesMatchHealthChecks,
  codeHealthRouteExists,
  codeReadinessChecksDependencies,
  codeFlagsGuardCode,
  codeUndeclaredFlags,
  codeEnvMatches,
  codeMetricsEmitted,
  codeInspectionFailed,
];

export { DOCS_BANNER, docsPathFor, documentedRules, renderDocs, renderPolicyDoc, ruleHelp } from './docs';
