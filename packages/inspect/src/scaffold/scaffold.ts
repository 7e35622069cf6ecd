import { FLOWS_BY_CODE_TYPE, SERVICE_CODE_TYPES, type CodeFacts, type CodeType, type FileFacts, type FlowName, type InspectionFailure } from '@deploy-plan/core';

/** Marks what the code cannot tell; the `completeness/no-placeholders` policy fails on it. */
export const TODO = 'TODO(deploy-plan)';

export interface ScaffoldInput {
  /** Nx project name. */
  project: string;
  /** The project folder, workspace-relative. */
  projectRoot: string;
  code: CodeFacts;
  files: FileFacts;
  /** Path of deploy-plan.schema.json relative to the plan file, for editors. */
  schemaPath: string;
}

export interface Scaffold {
  text: string;
  codeTypes: CodeType[];
  method: string;
  /** What inspection found and the plan was filled from. */
  found: { routes: string[]; healthChecks: string[]; flags: string[]; env: string[]; metrics: string[]; steps: string[] };
  /** Files code inspection could not read: the plan was filled from the others. */
  failures: InspectionFailure[];
}

const has = (deps: Set<string>, ...names: (string | RegExp)[]) => [...deps].some((d) => names.some((n) => (typeof n === 'string' ? d === n : n.test(d))));

/** Code types from dependencies, routes, migrations and package.json `bin`. */
export function detectCodeTypes(code: CodeFacts, files: FileFacts): CodeType[] {
  const deps = new Set(files.packageJson?.dependencies ?? []);
  const types: CodeType[] = [];
  const httpRoutes = code.routes.filter((r) => r.framework !== 'nextjs');
  if (has(deps, 'react', 'react-dom', 'vue', '@angular/core', 'svelte', 'solid-js', 'next', 'nuxt', 'preact', /^@remix-run\//) || code.routes.some((r) => r.framework === 'nextjs')) types.push('ui');
  if (httpRoutes.length || has(deps, 'express', 'fastify', 'koa', '@koa/router', 'hono', '@nestjs/core', '@hapi/hapi', 'restify')) types.push('api');
  if (has(deps, 'bullmq', 'bull', 'bee-queue', 'agenda', 'node-cron', 'cron', 'pg-boss', 'graphile-worker', 'kafkajs', 'amqplib', '@aws-sdk/client-sqs', 'sqs-consumer', '@temporalio/worker')) types.push('background-job');
  if (files.migrations.length) types.push('database');
  if (files.packageJson?.bin) types.push('cli');
  if (!types.length) types.push(has(deps, 'axios', 'got', 'undici', /^@aws-sdk\//) ? 'integration' : 'utility');
  return types;
}

/** The deployment method the project's files show. */
export function detectMethod(files: FileFacts): string {
  const kinds = new Set(files.serverless.map((s) => s.kind));
  if (files.kubernetes.some((k) => k.kind !== 'Service' && k.kind !== 'Ingress') || kinds.has('helm')) return 'kubernetes';
  if (['serverless', 'vercel', 'netlify', 'cloudflare-workers', 'aws-sam'].some((k) => kinds.has(k))) return 'serverless';
  if (files.dockerfiles.length || files.compose.length) return 'docker';
  if (['procfile', 'app-engine', 'fly', 'render'].some((k) => kinds.has(k))) return 'paas';
  if (kinds.has('pm2')) return 'vm';
  return 'package';
}

const SERVICES: [RegExp, string][] = [
  [/^(pg|postgres|pg-promise|@neondatabase\/.*)$/, 'postgres'],
  [/^(mysql2?|@planetscale\/.*)$/, 'mysql'],
  [/^(mongodb|mongoose)$/, 'mongodb'],
  [/^(ioredis|redis|@upstash\/redis)$/, 'redis'],
  [/^@prisma\/client$/, 'database'],
  [/^(kafkajs)$/, 'kafka'],
  [/^(amqplib)$/, 'rabbitmq'],
  [/^(bullmq|bull|bee-queue)$/, 'redis'],
  [/^@aws-sdk\/client-s3$/, 's3'],
  [/^@aws-sdk\/client-sqs$/, 'sqs'],
  [/^@elastic\/elasticsearch$/, 'elasticsearch'],
];

/** Names a plan can declare in `env` (the schema's pattern); `ProgramFiles(x86)` is not one. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A YAML scalar: plain when safe, JSON-quoted otherwise. */
function q(value: string): string {
  return /^[A-Za-z0-9_./-][A-Za-z0-9 _./:-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/: |\s$/.test(value) && !/^\d/.test(value) ? value : JSON.stringify(value);
}
const todo = (what: string) => JSON.stringify(`${TODO}: ${what}`);
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'root';

/**
 * Writes a first plan for a project from what inspection found: code types, routes, health
 * checks, flags, env, metrics, deployment steps from npm scripts and Dockerfile, the method from
 * the files present, three rollback levels and a 10/50/100 rollout. What the code cannot tell is
 * a `TODO(deploy-plan)` placeholder, and the plan fails the check until they are all answered.
 */
export function scaffoldPlan(input: ScaffoldInput): Scaffold {
  const { code, files } = input;
  const codeTypes = detectCodeTypes(code, files);
  const method = detectMethod(files);
  const service = codeTypes.some((t) => SERVICE_CODE_TYPES.includes(t));
  const deps = new Set(files.packageJson?.dependencies ?? []);
  const scripts = Object.keys(files.packageJson?.scripts ?? {});
  const services = [...new Set([...deps].flatMap((d) => SERVICES.filter(([re]) => re.test(d)).map(([, name]) => name)))];
  const healthRe = /(^|\/)(health|healthz|ready|readyz|readiness|live|livez|liveness|alive)(\/|$)/i;
  const routes = code.routes.filter((r) => !healthRe.test(r.path));
  const healthRoutes = code.routes.filter((r) => healthRe.test(r.path));
  const ids = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    return id;
  };

  const L: string[] = [];
  L.push(`# yaml-language-server: $schema=${input.schemaPath}`);
  L.push(`# Scaffolded by \`deploy-plan scaffold\` from the project's code and files.`);
  L.push(`# Every ${TODO} is something the code cannot tell: the check fails until each is answered.`);
  L.push('apiVersion: deploy-plan/v1');
  L.push(`project: ${q(input.project)}`);
  L.push(`owner: ${todo('team or person accountable for this deployment')}`);
  L.push(`codeTypes: [${codeTypes.join(', ')}]`);
  L.push('');
  L.push('functionality:');
  L.push(`  purpose: ${todo('why this functionality exists and for whom')}`);
  L.push('  requirements:');
  L.push(`    - ${todo('what the functionality must do')}`);
  L.push('  constraints:');
  for (const c of ['performance', 'scale', 'security', 'storage']) L.push(`    ${c}: ${todo(`${c} constraint`)}`);
  L.push('  dependencies:');
  L.push('    files:');
  L.push(`      - path: ${q(files.dockerfiles.length || files.packageJson ? 'src/**' : '**')}`);
  if (services.length) {
    L.push('    services:');
    for (const s of services) L.push(`      - { name: ${q(s)}, description: ${todo(`what ${s} holds for this functionality`)}, preExisting: true }`);
  }
  if (deps.size) L.push(`    libraries: [${[...deps].slice(0, 12).map(q).join(', ')}]`);
  L.push('  edgeCases:');
  L.push(`    - { id: ${uniqueId('edge-case')}, description: ${todo('what can go wrong')}, handledBy: [] }`);
  L.push('  verification:');
  const testScript = scripts.find((s) => s === 'test') ?? scripts.find((s) => s.startsWith('test'));
  L.push(`    - { id: ${uniqueId('tests')}, kind: ${testScript ? 'unit' : 'manual'}, description: ${todo('what the tests prove')}${testScript ? `, command: ${q(testScript === 'test' ? 'npm test' : `npm run ${testScript}`)}` : ''} }`);
  L.push('  context:');
  L.push(`    location: ${q(input.projectRoot)}`);
  const frameworks = [...new Set(code.routes.map((r) => r.framework))];
  L.push(`    structure: ${frameworks.length ? q(`${frameworks.join(', ')} (detected)`) : todo('how the code is organised')}`);
  L.push('  flows:');
  const flowIds: Partial<Record<FlowName, string[]>> = {};
  for (const flow of [...new Set(codeTypes.flatMap((t) => FLOWS_BY_CODE_TYPE[t]))]) {
    L.push(`    ${flow}:`);
    const steps: string[] = [];
    if ((flow === 'request' || flow === 'user') && routes.length) {
      for (const r of routes.slice(0, 10)) {
        const id = uniqueId(`${flow}-${r.method.toLowerCase()}-${slug(r.path)}`);
        steps.push(id);
        L.push(`      - { id: ${id}, description: ${todo(`what happens on ${r.method} ${r.path}`)}, route: ${q(`${r.method} ${r.path}`)} }`);
      }
    } else {
      const id = uniqueId(`${flow}-step`);
      steps.push(id);
      L.push(`      - { id: ${id}, description: ${todo(`describe the ${flow} flow`)} }`);
    }
    flowIds[flow] = steps;
  }
  const allSteps = Object.values(flowIds).flat() as string[];

  L.push('');
  L.push('deployment:');
  L.push(`  method: ${method}`);
  L.push('  environments: [{ name: staging }, { name: production, approval: manual }]');
  L.push('  steps:');
  const deployScripts = scripts.filter((s) => /^deploy/.test(s)).sort((a, b) => Number(/prod/.test(a)) - Number(/prod/.test(b)));
  const stepIds: string[] = [];
  const addStep = (id: string, name: string, commands: string[]) => {
    const sid = uniqueId(id);
    L.push(`    - id: ${sid}`);
    L.push(`      name: ${q(name)}`);
    if (stepIds.length) L.push(`      dependsOn: [${stepIds[stepIds.length - 1]}]`);
    L.push(`      deploys: [${stepIds.length ? '' : q('src/**')}]`);
    L.push(`      supports: [${stepIds.length ? '' : allSteps.slice(0, 3).join(', ')}]`);
    L.push(`      commands: [${commands.map(q).join(', ')}]`);
    L.push(`      verify: { command: ${todo('a command that proves this step worked')}, expect: ${todo('its expected result')} }`);
    stepIds.push(sid);
  };
  if (scripts.includes('build')) addStep('build', 'Build', ['npm run build']);
  if (files.dockerfiles.length && !deployScripts.length) addStep('image', 'Build and push the image', [`docker build -t ${input.project} ${input.projectRoot}`]);
  for (const s of deployScripts) addStep(slug(s), `Run ${s}`, [`npm run ${s}`]);
  if (!stepIds.length) addStep('deploy', 'Deploy', [`${TODO}: the deploy command`]);

  const found: Scaffold['found'] = { routes: code.routes.map((r) => `${r.method} ${r.path}`), healthChecks: [], flags: [], env: [], metrics: [], steps: stepIds };
  if (service) {
    L.push('');
    L.push('healthChecks:');
    const probes = files.kubernetes.flatMap((k) => k.probes).filter((p) => p.path);
    const checks = new Map<string, 'liveness' | 'readiness'>();
    // A route whose handler checks its dependencies answers readiness, whatever its name.
    for (const r of healthRoutes) checks.set(r.path, /ready|readiness|readyz/i.test(r.path) || r.check === 'checks-dependencies' ? 'readiness' : 'liveness');
    for (const p of probes) if (!checks.has(p.path!)) checks.set(p.path!, p.kind === 'readiness' ? 'readiness' : 'liveness');
    if (![...checks.values()].includes('readiness')) {
      // No readiness route in the code: a question, not an invented path the code checks would refute.
      checks.set(`${TODO}: the path of a readiness route that checks the dependencies (none was found in the code)`, 'readiness');
    }
    for (const [path, kind] of checks) {
      if (!path.startsWith(TODO)) found.healthChecks.push(`${kind} ${path}`);
      const route = healthRoutes.find((r) => r.path === path);
      if (kind === 'readiness') L.push(`  - { path: ${q(path)}, kind: readiness, verifies: [${services.length ? services.map(q).join(', ') : todo('the dependencies it checks')}]${route?.check ? ` } # the handler ${route.check}: ${route.checkReason}` : ' }'}`);
      else L.push(`  - { path: ${q(path)}, kind: liveness }`);
    }
  }

  // Flags this code decides with (one read guards something), at their guarding read; a value
  // only passed on is configuration (it stays in env), as code/undeclared-flags sees it.
  const flagReads = [...new Map(code.flags.filter((f) => f.guard === 'guards').map((f) => [f.env ?? f.key, f])).values()];
  if (flagReads.length || service) {
    L.push('');
    if (!flagReads.length) {
      L.push(`# ${TODO}: no flag read was found in the code; declare the one that can switch this functionality off.`);
      L.push('featureFlags: []');
    } else L.push('featureFlags:');
    for (const f of flagReads) {
      found.flags.push(f.env ?? f.key);
      L.push(`  - key: ${q(f.key)}`);
      L.push(`    provider: ${f.provider === 'env' || ['openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith', 'configcat'].includes(f.provider) ? f.provider : 'custom'}`);
      if (f.env) L.push(`    env: ${f.env}`);
      L.push(`    description: ${todo('what turning it off does')}`);
      L.push('    default: false');
      L.push(`    guards: []   # ${TODO}: the flow steps it switches off (read at ${f.file}:${f.line}, ${f.guard})`);
      L.push(`    owner: ${todo('who decides when to turn it off')}`);
    }
  }

  const envNames = [...new Set([...code.env.map((e) => e.name), ...flagReads.flatMap((f) => (f.env ? [f.env] : []))])]
    .filter((n) => ENV_NAME.test(n))
    .filter((n) => !/^(NODE_ENV|CI|HOME|PATH|PWD|TZ|HOSTNAME)$/.test(n));
  if (envNames.length) {
    L.push('');
    L.push('env:');
    for (const name of envNames) {
      found.env.push(name);
      const secret = /(KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|DATABASE_URL|DSN)/.test(name);
      L.push(`  - { name: ${name}, description: ${todo('what it configures')}${secret ? ', secret: true' : ''} }`);
    }
  }

  if (codeTypes.includes('database')) {
    const m = files.migrations[0];
    L.push('');
    L.push('migrations:');
    L.push(`  tool: ${['prisma', 'knex', 'typeorm', 'drizzle', 'sequelize', 'sql'].includes(m?.tool ?? '') ? m!.tool : 'other'}`);
    if (m) L.push(`  directory: ${q(m.directory.startsWith(input.projectRoot) ? m.directory.slice(input.projectRoot.length + 1) : m.directory)}`);
    L.push('  changes:');
    L.push(`    - { id: ${uniqueId('migration')}, description: ${todo('the schema change this release needs')}, phase: expand, runs: before-deploy, reversible: true, down: ${todo('the down migration')} }`);
  }

  const metrics = code.metrics.length
    ? code.metrics.map((m) => ({ name: m.name.replace(/\./g, '_'), type: m.type, at: `${m.file}:${m.line}` }))
    : [{ name: `${TODO}: the metric that says the functionality works (none was found in the code)`, type: 'gauge', at: '' }];
  if (service) {
    const gateMetric = metrics[0].name;
    L.push('');
    L.push('rollout:');
    L.push('  strategy: canary');
    L.push('  stages:');
    for (const [weight, bake] of [[10, '15m'], [50, '30m'], [100, '1h']] as const) {
      L.push(`    - weight: ${weight}`);
      L.push(`      bake: ${bake}`);
      L.push(`      gates: [{ metric: ${q(gateMetric)}, initialDelay: 5m, interval: 1m, count: 10 }]   # ${TODO}: threshold`);
    }
  }

  L.push('');
  L.push('monitoring:');
  L.push('  metrics:');
  if (!code.metrics.length) L.push(`    # ${TODO}: no metric was found in the code; name the metric that says the functionality works.`);
  for (const m of metrics) {
    if (m.at) found.metrics.push(m.name);
    L.push(`    - name: ${q(m.name)}`);
    L.push(`      type: ${['gauge', 'counter', 'histogram', 'summary'].includes(m.type) ? m.type : 'gauge'}`);
    L.push(`      description: ${todo(`what ${m.name} measures${m.at ? ` (emitted at ${m.at})` : ''}`)}`);
    L.push(`      tracks: [${Object.keys(flowIds).slice(0, 2).join(', ')}]`);
    L.push('      interval: 1m');
    L.push('      failureLimit: 2');
    L.push(`      # ${TODO}: direction, unit and thresholds { alert, rollback }`);
  }

  L.push('');
  L.push('rollback:');
  L.push('  levels:');
  const level = (n: number, kind: string, max: string, when: string) => {
    L.push(`    - level: ${n}`);
    L.push(`      kind: ${kind}`);
    L.push(`      maxDuration: ${max}`);
    L.push(`      useWhen: ${todo(when)}`);
    L.push(`      actions: [${todo('the commands that perform it')}]`);
    L.push(`      verification: [{ command: ${todo('proof it worked')}, expect: ${todo('expected result')} }]`);
  };
  if (flagReads.length || service) level(1, 'feature-flag', '3m', 'when the new functionality breaks but the rest works');
  if (envNames.length) level(2, 'configuration', '8m', 'when a configuration change broke it');
  level(3, 'code', '10m', 'when the new code breaks the functionality');
  L.push('  triggers:');
  L.push(`    - { description: ${todo(`${metrics[0].name} shows the functionality broken`)}, response: immediate, metric: ${q(metrics[0].name)}, level: 3 }`);
  if (codeTypes.includes('database') || services.length) L.push('    - { description: Data lost or corrupted, response: immediate, signal: data-loss, level: 3 }');
  L.push(`    - { description: ${todo('degraded: decide within 15 minutes')}, response: evaluate, within: 15m, metric: ${q(metrics[0].name)}, level: 3 }`);
  L.push('    - { description: Single user report, response: monitor, signal: user-reports }');
  L.push('');
  return { text: L.join('\n'), codeTypes, method, found, failures: code.failures ?? [] };
}
