import { definePolicy, type FileFacts } from '@deploy-plan/core';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout', 'Job', 'CronJob', 'Pod']);

type Method = 'kubernetes' | 'docker' | 'serverless' | 'paas' | 'vm' | 'static' | 'package';

const configOf = (files: FileFacts, ...kinds: string[]) => {
  const present = new Set(files.serverless.map((s) => s.kind));
  return kinds.filter((k) => present.has(k)).map((k) => `${k} config`);
};

/**
 * What in the project's files shows each deployment method, in words: one function per method,
 * so a plan whose method is backed by its files costs one lookup (the rest is for the message).
 */
const EVIDENCE: Record<Method, (files: FileFacts) => string[]> = {
  kubernetes: (files) => [
    ...(files.kubernetes.some((w) => WORKLOADS.has(w.kind)) ? ['Kubernetes manifests'] : []),
    ...(files.serverless.some((s) => s.kind === 'helm') ? ['a Helm chart'] : []),
  ],
  docker: (files) => [
    ...(files.dockerfiles.length ? ['a Dockerfile'] : []),
    ...(files.compose.length ? ['a compose file'] : []),
  ],
  serverless: (files) => configOf(files, 'serverless', 'vercel', 'netlify', 'cloudflare-workers', 'aws-sam'),
  paas: (files) => configOf(files, 'procfile', 'app-engine', 'fly', 'render', 'vercel', 'netlify'),
  vm: (files) => [
    ...configOf(files, 'pm2', 'procfile'),
    ...Object.keys(files.packageJson?.scripts ?? {})
      .filter((s) => /^deploy/.test(s))
      .map((s) => `the \`${s}\` script`),
  ],
  static: (files) => (files.targets.includes('build') ? ['a build target'] : []),
  package: (files) => (files.packageJson?.name ? ['package.json'] : []),
};

export default definePolicy({
  id: 'project/method-matches-files',
  meta: {
    severity: 'critical',
    checklist: 'step-2',
    description:
      "The declared deployment method matches the project's files (Kubernetes " +
      'manifests, Dockerfile, serverless or PaaS config, ...)',
    rationale:
      'Step 2 of the method: understand how this project deploys (package.json ' +
      'scripts, Dockerfile, CI, Kubernetes or serverless config) before planning. A ' +
      'plan that says Kubernetes for a project that ships to Vercel plans a deployment ' +
      'that will not happen.',
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
    const method = plan.deployment.method;
    if (EVIDENCE[method]?.(files).length) return;
    const expected: Record<string, string> = {
      kubernetes: 'Kubernetes manifests (k8s/, kubernetes/, deploy/, ...) or Helm chart',
      docker: 'Dockerfile or compose file',
      serverless: 'serverless config (serverless.yml, vercel.json, netlify.toml, wrangler.toml, template.yaml)',
      paas: 'PaaS config (Procfile, app.yaml, fly.toml, render.yaml, vercel.json, netlify.toml)',
      vm: 'VM deployment config (pm2 ecosystem file, Procfile) or deploy script',
      static: 'build target',
      package: 'package.json',
    };
    // What the files do show, for the message: the methods that leave a trace of their own.
    const other = (['kubernetes', 'docker', 'serverless', 'paas'] as const)
      .filter((m) => m !== method)
      .flatMap((m) => EVIDENCE[m](files));
    report({
      messageId: 'noEvidence',
      data: {
        method,
        expected: expected[method] ?? `${method} config`,
        found: other.length ? ` (it has ${[...new Set(other)].join(', ')})` : '',
      },
      pointer: '/deployment/method',
    });
  },
});
