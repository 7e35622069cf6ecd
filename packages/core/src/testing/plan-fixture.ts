/**
 * Builds a plan for policy tests from the part under test. Lines 1-4 are always the header
 * below, so the body starts on line 5 and positions in a case are easy to count:
 *
 *   1  apiVersion: deploy-plan/v1
 *   2  project: demo
 *   3  owner: team-demo
 *   4  codeTypes: [api]        (or the codeTypes given)
 *   5  <body, dedented>
 *
 * Required sections the body does not contain (functionality, deployment, rollback,
 * monitoring) are appended after it with minimal values.
 */
export function planYaml(body: string, options: { codeTypes?: readonly string[] } = {}): string {
  const text = dedent(body);
  const has = (section: string) => new RegExp(`^${section}:`, 'm').test(text);
  const tail: string[] = [];
  if (!has('functionality')) tail.push('functionality:', '  purpose: Demo');
  if (!has('deployment')) tail.push('deployment:', '  method: docker');
  if (!has('rollback')) tail.push('rollback: {}');
  if (!has('monitoring')) tail.push('monitoring: {}');
  return [
    'apiVersion: deploy-plan/v1',
    'project: demo',
    'owner: team-demo',
    `codeTypes: [${(options.codeTypes ?? ['api']).join(', ')}]`,
    ...(text ? [text] : []),
    ...tail,
    '',
  ].join('\n');
}

/** Removes the common indentation and the leading/trailing blank lines of a template string. */
export function dedent(text: string): string {
  const lines = text.replace(/^\s*\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
