import { definePolicy } from '@deploy-plan/core';
import { siteIn } from '../util/infrastructure';

export default definePolicy({
  id: 'project/probes-match-health-checks',
  meta: {
    severity: 'critical',
    checklist: ['critical-5', 'step-2'],
    description:
      "Kubernetes probes and Docker HEALTHCHECKs call the plan's health checks, readiness probes its readiness checks",
    rationale:
      'The platform, not the plan, decides whether a pod gets traffic: it calls the ' +
      'probe paths in the manifests. If the readiness probe calls a liveness endpoint ' +
      '(or a path the plan does not know), the functionality check in the plan ' +
      'protects nothing.',
    messages: {
      unknownProbe: 'The {{probe}} of `{{workload}}` calls `{{path}}`, which is not a health check in the plan.',
      readinessOnLiveness:
        'The readiness probe of `{{workload}}` calls `{{path}}`, a liveness check in the ' +
        "plan: pods would get traffic while the functionality's dependencies are down.",
      unknownDockerCheck: 'The Dockerfile HEALTHCHECK calls `{{path}}`, which is not a health check in the plan.',
      notProbed:
        'Readiness check `{{path}}` is not used by any readiness probe in the Kubernetes ' +
        'manifests, so the platform never asks it.',
    },
    needs: ['files'],
    examples: {
      fail:
        '# k8s/deployment.yaml: readinessProbe: { httpGet: { path: /healthz } ' +
        '}\nhealthChecks:\n  - { path: /health/ready, kind: readiness, verifies: [db] }',
      pass:
        '# k8s/deployment.yaml: readinessProbe: { httpGet: { path: /health/ready } ' +
        '}\nhealthChecks:\n  - { path: /health/ready, kind: readiness, verifies: [db] }',
    },
  },
  check({ plan, facts, report }) {
    const files = facts.files;
    if (!files) return;
    const checks = plan.healthChecks ?? [];
    const byPath = new Map(checks.map((c, i) => [c.path, { check: c, index: i }]));
    const probedReadiness = new Set<string>();
    let workloadsWithProbes = 0;
    for (const w of files.kubernetes) {
      if (w.probes.length) workloadsWithProbes++;
      for (const probe of w.probes) {
        if (!probe.path) continue;
        const found = byPath.get(probe.path);
        const at = siteIn(w.file, probe);
        const data = { probe: `${probe.kind} probe`, workload: `${w.kind}/${w.name}`, path: probe.path };
        if (!found) report({ messageId: 'unknownProbe', data, pointer: '/healthChecks', at });
        else if (probe.kind === 'readiness' && found.check.kind === 'liveness')
          report({ messageId: 'readinessOnLiveness', data, pointer: `/healthChecks/${found.index}/kind`, at });
        if (probe.kind === 'readiness') probedReadiness.add(probe.path);
      }
    }
    for (const d of files.dockerfiles) {
      if (d.healthcheck?.path && !byPath.has(d.healthcheck.path)) {
        report({
          messageId: 'unknownDockerCheck',
          data: { path: d.healthcheck.path },
          pointer: '/healthChecks',
          at: siteIn(d.file, d.healthcheck),
        });
      }
    }
    if (workloadsWithProbes) {
      checks.forEach((c, i) => {
        if (c.kind === 'readiness' && !probedReadiness.has(c.path))
          report({ messageId: 'notProbed', data: { path: c.path }, pointer: `/healthChecks/${i}/path` });
      });
    }
  },
});
