// Test helpers for policies (`@deploy-plan/core/testing`): table tests after typescript-eslint's
// RuleTester, and plan fixtures. A subpath of its own, so the checker never loads them.
export { PolicyTester, PLAN_FILE, checkInvalidCase, checkValidCase, runPolicyOnYaml } from './policy-tester';
export type { ExpectedError, InvalidCase, ValidCase } from './policy-tester';
export { dedent, planYaml } from './plan-fixture';
