/**
 * Builds a plan for policy tests from the part under test: the case's YAML comes first, so a
 * position in a case is its line in the text as written (line 1 is the case's first line).
 * What the schema requires and the case does not give (the header, functionality, deployment,
 * rollback, monitoring) is appended after it with minimal values.
 */
export function planYaml(body: string, options: { codeTypes?: readonly string[] } = {}): string {
  const text = dedent(body);
  const has = (section: string) => new RegExp(`^${section}:`, 'm').test(text);
  const tail: string[] = [];
  if (!has('apiVersion')) tail.push('apiVersion: deploy-plan/v1');
  if (!has('project')) tail.push('project: demo');
  if (!has('owner')) tail.push('owner: team-demo');
  if (!has('codeTypes')) tail.push(`codeTypes: [${(options.codeTypes ?? ['api']).join(', ')}]`);
  if (!has('functionality')) tail.push('functionality:', '  purpose: Demo');
  if (!has('deployment')) tail.push('deployment:', '  method: docker');
  if (!has('rollback')) tail.push('rollback: {}');
  if (!has('monitoring')) tail.push('monitoring: {}');
  return [...(text ? [text] : []), ...tail, ''].join('\n');
}

/** Removes the common indentation and the leading/trailing blank lines of a template string. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
