/** Where rule and policy documentation lives; a page per id, generated from meta. */
export const DOCS_BASE_URL = 'https://github.com/deploy-plan/deploy-plan/blob/main/docs/policies';

/** The docs page of a rule or policy id, e.g. `rollout/stages-rise-to-full`. */
export function docsUrlFor(id: string): string {
  return `${DOCS_BASE_URL}/${id}.md`;
}
