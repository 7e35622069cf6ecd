import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  loadPlan,
  parseDocument,
  planValidator,
  BUILTIN_RULES,
  type DeployPlan,
  type Diagnostic,
} from '@deploy-plan/core';
import { planYaml } from '@deploy-plan/core/testing';
import { humanDuration, monitoringConfig, renderRunbook } from './runbook';

const ROOT = path.resolve(__dirname, '../../..');

function example(name: string): DeployPlan {
  const loaded = loadPlan(path.join(ROOT, 'examples', name, 'deploy-plan.yaml'), { root: ROOT });
  expect(loaded.diagnostics).toEqual([]);
  return loaded.value!;
}

/** A schema-valid plan from a body (see planYaml). */
function plan(body: string): DeployPlan {
  const loaded = parseDocument<DeployPlan>(
    planYaml(body),
    'demo/deploy-plan.yaml',
    planValidator,
    BUILTIN_RULES.schema,
  );
  expect(loaded.diagnostics).toEqual([]);
  return loaded.value!;
}

const headings = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('#'));

/** The lines under a heading, up to the next heading of any level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim());
}

describe('renderRunbook on the examples', () => {
  it.each(['orders-api', 'storefront-web', 'invoice-worker', 'billing-db'])('%s', (name) => {
    expect(
      renderRunbook(example(name), { file: `examples/${name}/deploy-plan.yaml`, readiness: 'gold' }),
    ).toMatchSnapshot();
  });

  it('docs/runbook-example.md is the current rendering of orders-api (run `npm run generate`)', () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs/runbook-example.md'), 'utf8');
    const file = 'examples/orders-api/deploy-plan.yaml';
    expect(page.slice(page.indexOf('\n') + 1)).toBe(renderRunbook(example('orders-api'), { file, readiness: 'gold' }));
  });

  it('puts the sections in the order an on-call engineer reads them', () => {
    const text = renderRunbook(example('orders-api'), { file: 'examples/orders-api/deploy-plan.yaml' });
    expect(headings(text).filter((h) => h.startsWith('## '))).toEqual([
      '## What it does',
      '## Before you start',
      '## Deployment steps',
      '## Health checks',
      '## Staged rollout',
      '## Rollback',
      '## Monitoring',
    ]);
  });

  it('lists the deployment steps in plan order with their commands and expected results', () => {
    const text = renderRunbook(example('orders-api'), { file: 'x' });
    expect(headings(text).filter((h) => /^### \d+\. /.test(h))).toEqual([
      '### 1. Build and push the image (`build-image`)',
      '### 2. Create express-checkout in flagd, off (`configure-flag`)',
      '### 3. Deploy to staging (`deploy-staging`)',
      '### 4. Canary to production (`deploy-production`)',
    ]);
    expect(section(text, '### 4. Canary to production (`deploy-production`)')).toEqual([
      'after `deploy-staging` · environment `production` · supports `request-receive`, `response-created`',
      '```sh',
      'npm run deploy:production',
      'kubectl argo rollouts status orders-api --timeout 2h',
      '```',
      'Verify:',
      '```sh',
      'curl -fsS https://orders.example.com/health/ready',
      '```',
      'Expect: `200 with {"status":"ok"}`',
    ]);
  });

  it('shows each rollout stage with its gates and thresholds, the good side from the metric direction', () => {
    const text = renderRunbook(example('orders-api'), { file: 'x' });
    expect(section(text, '### Stage 2. canary-50: 50%')).toEqual([
      'bake 30 minutes · automatic approval to continue',
      '```sh',
      'kubectl argo rollouts set weight orders-api 50',
      '```',
      'Gates (all must hold to go on):',
      '- `order_success_rate` ≥ 95%; checked after 5m, every 1m, 20 times; fails after 2 failed checks',
      '- `order_latency_p95` ≤ 1 second; checked after 5m, every 1m, 20 times; fails after 3 failed checks',
    ]);
  });

  it('groups rollback triggers as the method does and gives each level its time budget', () => {
    const text = renderRunbook(example('orders-api'), { file: 'x' });
    expect(section(text, '### Roll back immediately (no discussion)')).toEqual([
      'The functionality is broken.',
      '- Order success rate below 50% (`order_success_rate` < 50%): roll back at level 3 (code)',
      '- Readiness failing on every pod (health check `/health/ready` failing): roll back at level 3 (code)',
      '- Orders lost or recorded twice (signal: data-loss): roll back at level 3 (code)',
    ]);
    expect(section(text, '### Evaluate within 15 minutes')).toEqual([
      'The functionality is degraded: decide whether to roll back.',
      '- Payments success rate below 90% (`payments_success_rate` < 90%): roll back at level 2 (configuration)',
      '- p95 latency above 1s (`order_latency_p95` > 1 second): roll back at level 1 (feature-flag)',
    ]);
    expect(section(text, '### Monitor, do not roll back')).toEqual([
      'The functionality works, but not as well as it should.',
      '- Single customer report of a failed order (signal: user-reports)',
    ]);
    expect(headings(text).filter((h) => h.startsWith('### Level'))).toEqual([
      '### Level 1: Feature flag (at most 2 minutes)',
      '### Level 2: Configuration (at most 5 minutes)',
      '### Level 3: Code (at most 10 minutes)',
    ]);
  });
});

describe('renderRunbook edge cases', () => {
  const triggers = plan(`
    rollback:
      levels:
        - { level: 3, kind: code, actions: [kubectl rollout undo deploy/demo] }
        - { level: 1, kind: feature-flag, maxDuration: 90s }
      triggers:
        - { response: evaluate, within: 1h, description: Slow, metric: latency, operator: ">", value: 2 }
        - { response: evaluate, within: 5m, description: Errors, metric: errors, operator: ">", value: 5, level: 3 }
        - { response: evaluate, description: Odd logs, signal: error-logs }
  `);

  it('sorts "evaluate" groups by their time, and applies the default budget when a level has none', () => {
    const text = renderRunbook(triggers, { file: 'demo/deploy-plan.yaml' });
    expect(headings(text).filter((h) => h.startsWith('### '))).toEqual([
      '### Evaluate within 5 minutes',
      '### Evaluate within 1 hour',
      '### Evaluate',
      '### Level 1: Feature flag (at most 1 minute 30 seconds)',
      '### Level 3: Code (at most 15 minutes)',
    ]);
    expect(text).toContain('- Errors (`errors` > 5): roll back at level 3 (code)');
  });

  it('keeps commands intact and plan prose from turning into HTML', () => {
    const text = renderRunbook(
      plan(`
        functionality:
          purpose: Renders <script> tags & entities
        deployment:
          method: docker
          steps:
            - id: one
              commands:
                - |
                  echo "\`\`\`" > fence.txt
                  cat fence.txt | grep -c x
              verify: { command: test -s fence.txt, expect: 0 }
      `),
      { file: 'demo/deploy-plan.yaml' },
    );
    expect(text).toContain('Renders &lt;script&gt; tags &amp; entities');
    expect(section(text, '### 1. one (`one`)')).toEqual([
      '````sh',
      'echo "```" > fence.txt',
      'cat fence.txt | grep -c x',
      '````',
      'Verify:',
      '```sh',
      'test -s fence.txt',
      '```',
      'Expect: `0`',
    ]);
  });

  it('lists the open findings below the failing severity', () => {
    const finding: Diagnostic = {
      ruleId: 'monitoring/dashboard',
      severity: 'minor',
      message: 'No dashboard is linked.',
      messageId: 'missing',
      file: 'demo/deploy-plan.yaml',
      line: 9,
      column: 1,
      docsUrl: 'https://example.com',
    };
    const text = renderRunbook(triggers, {
      file: 'demo/deploy-plan.yaml',
      findings: [
        finding,
        { ...finding, line: 10, suppressed: { kind: 'waiver', reason: 'r', owner: 'o', expires: '2027-01-01' } },
      ],
    });
    expect(section(text, '## Open findings')).toEqual([
      'The plan passes the check, but these remain:',
      '- minor: No dashboard is linked. (`demo/deploy-plan.yaml:9:1`, `monitoring/dashboard`)',
    ]);
  });
});

describe('monitoringConfig', () => {
  it("has the shape of the method's monitoring-config.json", () => {
    const config = monitoringConfig(example('orders-api')) as {
      metrics: Record<string, Record<string, unknown>>;
      alerts: Record<string, unknown>;
    };
    expect(config.metrics.order_success_rate).toMatchObject({
      type: 'gauge',
      description: 'Share of valid orders that end paid',
      alert_threshold: 95,
      rollback_threshold: 50,
    });
    expect(Object.keys(config.metrics)).toEqual(['order_success_rate', 'order_latency_p95', 'payments_success_rate']);
    expect(config.alerts).toEqual({
      orders_broken: { condition: 'order_success_rate < 50', action: 'rollback_immediate', for: '2m' },
      orders_degraded: { condition: 'order_success_rate < 95', action: 'page', for: '5m' },
      orders_slow: { condition: 'order_latency_p95 > 1', action: 'alert_team', for: '10m' },
      payments_degraded: { condition: 'payments_success_rate < 90', action: 'alert_team', for: '5m' },
    });
  });

  it('keeps metrics and alerts whose names are Object.prototype properties', () => {
    const source = structuredClone(example('orders-api'));
    const [first, second] = source.monitoring.metrics!;
    first.name = '__proto__';
    second.name = 'constructor';
    source.monitoring.alerts![0].name = '__proto__';
    source.monitoring.alerts![1].name = 'toString';
    const json = JSON.parse(JSON.stringify(monitoringConfig(source))) as {
      metrics: Record<string, unknown>;
      alerts: Record<string, unknown>;
    };
    expect(Object.keys(json.metrics)).toEqual(['__proto__', 'constructor', 'payments_success_rate']);
    expect(Object.keys(json.alerts)).toEqual(['__proto__', 'toString', 'orders_slow', 'payments_degraded']);
    expect(Object.getOwnPropertyDescriptor(json.metrics, '__proto__')?.value).toMatchObject({ type: 'gauge' });
  });
});

describe('humanDuration', () => {
  it.each([
    ['15m', '15 minutes'],
    ['1h30m', '1 hour 30 minutes'],
    ['90s', '1 minute 30 seconds'],
    ['1d', '1 day'],
    ['0s', '0 seconds'],
    ['soon', 'soon'],
  ])('%s → %s', (text, human) => expect(humanDuration(text)).toBe(human));
});
