import { createHash } from 'node:crypto';
import type { Diagnostic, Severity } from '@deploy-plan/core';
import { jsonText } from './json';
import type { Formatter, RuleInfo } from './types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  important: 'warning',
  minor: 'note',
};

/**
 * A fingerprint that survives edits above the finding: rule, project, plan pointer, message id
 * and its data, never the line number.
 */
export function fingerprint(d: Diagnostic): string {
  const data = Object.entries(d.data ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return createHash('sha256')
    .update([d.ruleId, d.project ?? '', d.pointer ?? d.file, d.messageId, data].join('|'))
    .digest('hex')
    .slice(0, 32);
}

const region = (l: { line: number; column: number; endLine?: number; endColumn?: number }) => ({
  startLine: Math.max(1, l.line),
  startColumn: Math.max(1, l.column),
  ...(l.endLine !== undefined && l.endLine >= l.line ? { endLine: l.endLine } : {}),
  ...(l.endColumn !== undefined && l.endLine !== undefined && (l.endLine > l.line || l.endColumn > l.column)
    ? { endColumn: l.endColumn }
    : {}),
});

/**
 * A waiver as an accepted in-source suppression (it is written in the plan), the baseline as an
 * accepted external one (it is counted in the suppressions file).
 */
const suppression = (s: NonNullable<Diagnostic['suppressed']>) =>
  s.kind === 'waiver'
    ? { kind: 'inSource', status: 'accepted', justification: `${s.reason} (owner ${s.owner}, until ${s.expires})` }
    : { kind: 'external', status: 'accepted', justification: `Accepted for now in ${s.file}.` };

const artifact = (file: string) => ({ uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' });

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, every rule and policy
 * in the driver, results with relative URIs, related locations (plan ↔ code), line-independent
 * partial fingerprints, and waivers and the baseline as accepted suppressions.
 */
export const sarif: Formatter = (input, options = {}) => {
  const known = new Map<string, RuleInfo>((input.rules ?? []).map((r) => [r.id, r]));
  for (const d of input.diagnostics) {
    if (!known.has(d.ruleId))
      known.set(d.ruleId, {
        id: d.ruleId,
        kind: 'policy',
        severity: d.severity,
        description: d.ruleId,
        docsUrl: d.docsUrl,
      });
  }
  const rules = [...known.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const all = [...(input.configDiagnostics ?? []), ...input.diagnostics];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'deploy-plan',
            ...(input.version ? { version: input.version, semanticVersion: input.version } : {}),
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|[/-])(\w)/g, (_, __, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description.endsWith('.') ? r.description : `${r.description}.` },
              fullDescription: { text: r.rationale ?? r.description },
              ...(r.docsUrl ? { helpUri: r.docsUrl } : {}),
              help: r.help ?? { text: `${r.description}.`, markdown: `${r.description}.` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['deployment', ...(r.checklist ?? [])], 'deploy-plan/severity': r.severity },
            })),
          },
        },
        automationDetails: { id: options.sarifCategory ?? 'deploy-plan/' },
        columnKind: 'utf16CodeUnits',
        results: all.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: index.get(d.ruleId),
          level: LEVEL[d.severity],
          message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
          locations: [{ physicalLocation: { artifactLocation: artifact(d.file), region: region(d) } }],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i + 1,
                  message: { text: r.message },
                  physicalLocation: { artifactLocation: artifact(r.file), region: region(r) },
                })),
              }
            : {}),
          partialFingerprints: { 'deployPlanFinding/v1': fingerprint(d) },
          ...(d.suppressed
            ? {
                suppressions: [suppression(d.suppressed)],
              }
            : {}),
          properties: {
            severity: d.severity,
            ...(d.project ? { project: d.project } : {}),
            ...(d.pointer !== undefined ? { pointer: d.pointer } : {}),
          },
        })),
        properties: { readiness: Object.fromEntries(input.plans.map((p) => [p.project, p.readiness])) },
      },
    ],
  };
  return jsonText(log);
};
