// Scaffolding a plan from a project's code and files (`@deploy-plan/inspect/scaffold`): a subpath
// of its own, so a check never loads the YAML writer.
export { TODO, describeScaffold, detectCodeTypes, detectMethod, scaffoldPlan } from './scaffold';
export type { Scaffold, ScaffoldInput } from './scaffold';
