import type { Severity } from '../diagnostic';

/** An item of the deployment method's checklist that policies enforce. */
export interface ChecklistItem {
  id: ChecklistItemId;
  /** The priority the method gives it; a policy's default severity follows it. */
  severity: Severity;
  /** Where it sits in the method. */
  section: string;
  /** The item as the method words it. */
  text: string;
}

/**
 * The items of the deployment-planning method deploy-plan enforces: the mandatory
 * functionality analysis and project-pattern steps (labelled critical), the Critical /
 * Important / Minor checklist of Step 3, and Step 4's demand for concrete commands with
 * expected results.
 */
export const CHECKLIST = [
  {
    id: 'step-1',
    severity: 'critical',
    section: 'Step 1: Context-dependent functionality analysis (mandatory first step)',
    text:
      'Detect the code type, answer the universal questions (purpose, requirements, ' +
      'constraints, dependencies, edge cases, verification, context) and the flows of ' +
      'that code type before planning deployment',
  },
  {
    id: 'step-2',
    severity: 'critical',
    section: 'Step 2: Understand project deployment patterns',
    text:
      'Read package.json scripts, Dockerfile, CI/CD and infrastructure configs to ' +
      'learn how this project deploys before planning',
  },
  {
    id: 'step-4',
    severity: 'critical',
    section: 'Step 4: Provide specific deployment strategies',
    text: 'Give specific, actionable strategies: commands to run and the expected result of each',
  },
  {
    id: 'critical-1',
    severity: 'critical',
    section: 'Checklist: Critical',
    text: 'Deployment steps support functionality flows (deploy services/components needed for functionality)',
  },
  {
    id: 'critical-2',
    severity: 'critical',
    section: 'Checklist: Critical',
    text: 'Deployment order supports functionality dependencies (deploy dependencies first)',
  },
  {
    id: 'critical-3',
    severity: 'critical',
    section: 'Checklist: Critical',
    text: 'Rollback strategy supports functionality (can rollback if functionality breaks)',
  },
  {
    id: 'critical-4',
    severity: 'critical',
    section: 'Checklist: Critical',
    text: 'Monitoring supports functionality (monitor functionality metrics, not just generic metrics)',
  },
  {
    id: 'critical-5',
    severity: 'critical',
    section: 'Checklist: Critical',
    text: 'Health checks verify functionality (check if functionality works, not just if service is up)',
  },
  {
    id: 'important-1',
    severity: 'important',
    section: 'Checklist: Important',
    text: 'Staged rollout tests functionality (test functionality at each stage, not just deployment)',
  },
  {
    id: 'important-2',
    severity: 'important',
    section: 'Checklist: Important',
    text: 'Feature flags support functionality (can disable functionality if broken)',
  },
  {
    id: 'important-3',
    severity: 'important',
    section: 'Checklist: Important',
    text: 'Environment variables support functionality (config needed for functionality)',
  },
  {
    id: 'important-4',
    severity: 'important',
    section: 'Checklist: Important',
    text: 'Database migrations support functionality (if functionality needs schema changes)',
  },
  {
    id: 'minor-1',
    severity: 'minor',
    section: 'Checklist: Minor',
    text: 'Perfect deployment pipeline (if functionality is supported)',
  },
  {
    id: 'minor-2',
    severity: 'minor',
    section: 'Checklist: Minor',
    text: 'Ideal rollback strategy (if functionality is supported)',
  },
  {
    id: 'minor-3',
    severity: 'minor',
    section: 'Checklist: Minor',
    text: 'Perfect monitoring setup (if functionality is supported)',
  },
] as const satisfies readonly { id: string; severity: Severity; section: string; text: string }[];

export type ChecklistItemId = (typeof CHECKLIST)[number]['id'];

export function checklistItem(id: string): ChecklistItem | undefined {
  return CHECKLIST.find((item) => item.id === id);
}
