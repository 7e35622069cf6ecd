import { definePolicy, type FileFacts } from '@deploy-plan/core';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout', 'Job', 'CronJob', 'Pod']);

/** What in the project's files shows each deployment method, in words. */
function evidence(files: FileFacts): Record<string, string[]> {
  const kinds = new Set(files.serverless.map((s) => s.kind));
  const has = (...k: string[]) => k.filter((x) => kinds.has(x));
  return {
    kubernetes: [...(files.kubernetes.some((w) => WORKLOADS.has(w.kind)) ? ['Kubernetes manifests'] : []), ...(kinds.has('helm') ? ['a Helm chart'] : [])],
    docker: [...(files.dockerfiles.length ? ['a Dockerfile'] : []), ...(files.compose.length ? ['a compose file'] : [])],
    serverless: has('serverless', 'vercel', 'netlify', 'cloudflare-workers', 'aws-sam').map((k) => `${k} config`),
    paas: has('procfile', 'app-engine', 'fly', 'render', 'vercel', 'netlify').map((k) => `${k} config`),
    vm: [...has('pm2', 'procfile').map((k) => `${k} config`), ...Object.keys(files.packageJson?.scripts ?? {}).filter((s) => /^deploy/.test(s)).map((s) => `the \`${s}\` script`)],
    static: files.targets.includes('build') ? ['a build target'] : [],
    package: files.packageJson?.name ? ['package.json'] : [],
  };
}

export default definePolicy({
  id: 'project/method-matches-files',
  meta: {
    severity: 'critical',
    checklist: 'step-2',
    description: 'The declared deployment method matches the project\'s files (Kubernetes manifests, Dockerfile, serverless or PaaS config, ...)',
    rationale:
      'Step 2 of the method: understand how this project deploys (package.json scripts, Dockerfile, CI, Kubernetes or serverless config) before planning. A plan that says Kubernetes for a project that ships to Vercel plans a deployment that will not happen.',
    messages: {
      noEvidence: '`deployment.method` is `{{method}}`, but the project has no {{expected}}{{found}}.',
    },
    needs: ['files'],
    examples: {
      fail: '# the project has vercel.json, no Kubernetes manifests\ndeployment:\n  method: kubernetes',
      pass: '# the project has vercel.json\ndeployment:\n  method: serverless\n  platform: vercel',
    },
  },
  check({ plan, facts, report }) {
    const files = facts.files;
    if (!files) return;
    const all = evidence(files);
    const method = plan.deployment.method;
    if (all[method]?.length) return;
    const expected: Record<string, string> = {
      kubernetes: 'Kubernetes manifests (k8s/, kubernetes/, deploy/, ...) or Helm chart',
      docker: 'Dockerfile or compose file',
      serverless: 'serverless config (serverless.yml, vercel.json, netlify.toml, wrangler.toml, template.yaml)',
      paas: 'PaaS config (Procfile, app.yaml, fly.toml, render.yaml, vercel.json, netlify.toml)',
      vm: 'VM deployment config (pm2 ecosystem file, Procfile) or deploy script',
      static: 'build target',
      package: 'package.json',
    };
    const other = Object.entries(all)
      .filter(([m, e]) => m !== method && e.length && !['static', 'package', 'vm'].includes(m))
      .flatMap(([, e]) => e);
    report({
      messageId: 'noEvidence',
      data: { method, expected: expected[method] ?? `${method} config`, found: other.length ? ` (it has ${[...new Set(other)].join(', ')})` : '' },
      pointer: '/deployment/method',
    });
  },
});
