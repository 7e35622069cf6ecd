// What a team answers to a scaffold's questions, for the tests that answer every placeholder of a
// scaffolded plan (and edit nothing else) and expect a gold plan on the next check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_RULES, parseDocument, planValidator } from '@deploy-plan/core';

/** What a team would answer to each question, by the question's words and where it is asked. */
function answer(question: string, pointer: string, plan: Record<string, unknown>): string {
  const q = question.replace(/^TODO\(deploy-plan\):\s*/, '');
  const metricAt = /^\/monitoring\/metrics\/(\d+)/.exec(pointer);
  const metricName = (() => {
    if (metricAt)
      return (plan as { monitoring: { metrics: { name: string }[] } }).monitoring.metrics[+metricAt[1]].name;
    const owner = pointer.split('/').slice(0, -1).join('/');
    const node = owner
      .split('/')
      .slice(1)
      .reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], plan);
    return String((node as { metric?: string })?.metric ?? '');
  })();
  const lower = /duration|latency|seconds/.test(metricName);
  const flowStep = (plan as { functionality: { flows: Record<string, { id: string }[]> } }).functionality.flows;
  const firstStep = Object.values(flowStep)[0][0].id;
  const table: [RegExp, string][] = [
    [/^team or person|^who decides/, 'team-orders'],
    [/^higher-is-better or lower/, lower ? 'lower-is-better' : 'higher-is-better'],
    [/^its unit/, lower ? 'seconds' : 'requests'],
    [/^the value that pages$/, lower ? '1' : '10'],
    [/^the value that rolls back$/, lower ? '2' : '1'],
    [/must hold to go on$/, lower ? '1' : '10'],
    [/^the comparison/, lower ? '>' : '<'],
    [/^the value that alerts$/, lower ? '1' : '10'],
    [/^the value$/, lower ? '2' : '1'],
    [/^the flow steps/, firstStep],
    [/^the date/, '2027-06-30'],
    [/^how long .* runs before it counts as done/, '1h'],
    [/^a command that proves|^proof it worked/, 'curl -fsS https://orders.example.com/health/ready'],
    [/expected result$/, 'HTTP 200 with status ok'],
    [/^the commands that perform it/, 'kubectl rollout undo deployment/orders-api'],
    [/^how it is deployed/, 'docker'],
    [/^the path of a readiness route/, '/health/ready'],
    [/^how it is read/, 'env'],
    [/^the flag that can switch/, 'new-functionality'],
    [/^the metric that says|^a success-rate or latency metric/, 'orders_success_ratio'],
  ];
  const found = table.find(([re]) => re.test(q));
  return found ? found[1] : `Answered: ${q.replace(/\(.*\)/, '').trim()}.`;
}

/** The plan with every placeholder replaced by its answer, and nothing else edited. */
export function answered(text: string): string {
  const doc = parseDocument(text, 'deploy-plan.yaml', planValidator, BUILTIN_RULES.schema);
  const lines = text.split('\n');
  const edits = (doc.placeholders ?? []).map((p) => ({ ...doc.locate(p.pointer, 'value'), p }));
  for (const { line, column, endLine, endColumn, p } of edits.reverse()) {
    if (endLine !== line) throw new Error(`the placeholder at ${p.pointer} spans lines ${line}-${endLine}`);
    const value = answer(p.text, p.pointer, doc.data ?? {});
    const written = /^[-]?\d+(\.\d+)?$|^[<>]=?$/.test(value) && !/^[<>]/.test(value) ? value : JSON.stringify(value);
    const row = lines[line - 1];
    lines[line - 1] = row.slice(0, column - 1) + written + row.slice(endColumn - 1);
  }
  return lines.join('\n');
}

/**
 * The NestJS fixture with what a gold plan needs from code: a flag that guards a route, a metric
 * the rollout can gate on, and a database the readiness check reaches (through terminus).
 */
export function nestApp(fixtures: string, dir: string): void {
  fs.cpSync(path.join(fixtures, 'nest-app'), dir, { recursive: true });
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  Object.assign(pkg.dependencies, { pg: '^8.0.0', 'prom-client': '^15.0.0' });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg));
  fs.writeFileSync(
    path.join(dir, 'src/orders/metrics.ts'),
    "import { Histogram } from 'prom-client';\n" +
      "export const placeDuration = new Histogram({ name: 'orders_place_duration_seconds', help: 'Time to place' });\n",
  );
  const controller = path.join(dir, 'src/orders/orders.controller.ts');
  fs.writeFileSync(
    controller,
    fs
      .readFileSync(controller, 'utf8')
      .replace(
        '  create(@Body() body: unknown) {\n    return body;',
        '  create(@Body() body: unknown) {\n' +
          "    if (process.env.ORDERS_V2_ENABLED !== 'true') return { disabled: true };\n" +
          '    placeDuration.observe(1);\n    return body;',
      )
      .replace(/^/, "import { placeDuration } from './metrics';\n"),
  );
}
