export { createNodes, createNodesV2 } from './plugin';
export type { DeployPlanPluginOptions } from './plugin';
export { initGenerator } from './generators/init/init';
export { planGenerator } from './generators/plan/plan';
