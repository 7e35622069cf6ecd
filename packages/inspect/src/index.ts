export { gatherFileFacts } from './files/project-files';
export { WriteError, writeFileAtomically } from './files/write';
export { parseDockerfile, urlPath } from './files/dockerfile';
export type { DockerfileFacts } from './files/dockerfile';
export { parseManifests, splitDocuments } from './files/manifests';
export type { ProbeKind, WorkloadFacts } from './files/manifests';
export { createFactProvider } from './facts';
export { readNxGraph } from './graph/nx-graph';
export type { FactProviderOptions } from './facts';
// Code inspection (ts-morph) is loaded on demand: import it from '@deploy-plan/inspect/code'
// or let createFactProvider load it when a policy needs code facts.
export type { InspectCodeOptions } from './code/inspect-code';
// Scaffolding is '@deploy-plan/inspect/scaffold'.
