export { gatherFileFacts } from './files/project-files';
export { parseDockerfile, urlPath } from './files/dockerfile';
export type { DockerfileFacts } from './files/dockerfile';
export { parseManifests, splitDocuments } from './files/manifests';
export type { ProbeKind, WorkloadFacts } from './files/manifests';
export { createFactProvider } from './facts';
