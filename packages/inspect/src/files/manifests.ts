import { parseYaml } from '@deploy-plan/core';
import { positionAt } from './read';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface WorkloadFacts {
  kind: string;
  name: string;
  probes: { kind: ProbeKind; path?: string; port?: number | string; line: number; column: number }[];
}

const PROBE_KEYS: Record<ProbeKind, RegExp> = {
  liveness: /\blivenessProbe\s*:/g,
  readiness: /\breadinessProbe\s*:/g,
  startup: /\bstartupProbe\s*:/g,
};

const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Rollout',
  'Job',
  'CronJob',
  'Pod',
  'ReplicaSet',
  'Service',
  'Ingress',
]);

/** Splits a multi-document YAML stream, keeping each document's start offset. */
export function splitDocuments(text: string): { text: string; offset: number }[] {
  const docs: { text: string; offset: number }[] = [];
  const re = /^---[ \t]*(#.*)?$/gm;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    docs.push({ text: text.slice(start, m.index), offset: start });
    start = m.index + m[0].length;
  }
  docs.push({ text: text.slice(start), offset: start });
  return docs.filter((d) => d.text.trim() && !/^(\s|#.*)*$/.test(d.text));
}

function containersOf(doc: Record<string, unknown>): { containers: unknown[] } {
  const spec = doc.spec as Record<string, unknown> | undefined;
  const podSpec = (s: unknown) =>
    ((s as Record<string, unknown>)?.template as Record<string, unknown> | undefined)?.spec as
      Record<string, unknown> | undefined;
  if (doc.kind === 'Pod') return { containers: (spec?.containers as unknown[]) ?? [] };
  if (doc.kind === 'CronJob') {
    const job = (spec?.jobTemplate as Record<string, unknown> | undefined)?.spec;
    return { containers: (podSpec(job)?.containers as unknown[]) ?? [] };
  }
  return { containers: (podSpec(spec)?.containers as unknown[]) ?? [] };
}

/**
 * Kubernetes workloads in a manifest file, with their containers' HTTP probes and the line of
 * each probe. Templated files that are not YAML (Helm) are skipped quietly.
 */
export function parseManifests(text: string): WorkloadFacts[] {
  const out: WorkloadFacts[] = [];
  for (const doc of splitDocuments(text)) {
    const parsed = parseYaml(doc.text);
    const value = parsed.value;
    if (!value || typeof value.kind !== 'string' || !WORKLOAD_KINDS.has(value.kind)) continue;
    const metadataName = (value.metadata as Record<string, unknown> | undefined)?.name;
    const name = typeof metadataName === 'string' ? metadataName : '';
    const { containers } = containersOf(value);
    // Probe keys appear in the text in container order, so the n-th `readinessProbe:` belongs to
    // the n-th container that has one: a text scan gives the lines without a position map.
    const keyOffsets = (kind: ProbeKind) => [...doc.text.matchAll(PROBE_KEYS[kind])].map((m) => m.index ?? 0);
    const offsets = {
      liveness: keyOffsets('liveness'),
      readiness: keyOffsets('readiness'),
      startup: keyOffsets('startup'),
    };
    const seen = { liveness: 0, readiness: 0, startup: 0 };
    const probes: WorkloadFacts['probes'] = [];
    for (const c of containers) {
      for (const kind of ['liveness', 'readiness', 'startup'] as const) {
        const probe = (c as Record<string, unknown>)?.[`${kind}Probe`] as Record<string, unknown> | undefined;
        if (!probe) continue;
        const http = probe.httpGet as Record<string, unknown> | undefined;
        const offset = offsets[kind][seen[kind]++] ?? 0;
        probes.push({
          kind,
          path: typeof http?.path === 'string' ? http.path : undefined,
          port: typeof http?.port === 'number' || typeof http?.port === 'string' ? http.port : undefined,
          ...positionAt(text, doc.offset + offset),
        });
      }
    }
    out.push({ kind: value.kind, name, probes });
  }
  return out;
}
