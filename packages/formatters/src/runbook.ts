import { DEFAULT_ROLLBACK_BUDGETS, parseDuration } from '@deploy-plan/core';
import type {
  Alert,
  DeployPlan,
  Diagnostic,
  Gate,
  Metric,
  Readiness,
  RollbackTrigger,
  VerifyCheck,
} from '@deploy-plan/core';
import { guardLines, lines } from './escape';
import { cell, cellCode, code, inline, mdLine } from './markdown';

export interface RunbookOptions {
  /** The plan's path relative to the workspace root, named in the banner. */
  file: string;
  readiness?: Readiness;
  /** Findings still open on the plan (below the failing severity), listed at the end. */
  findings?: readonly Diagnostic[];
}

/**
 * A fenced block whose fence is longer than any backtick run inside. Commands are shown as
 * written, but for control characters (and GitHub's `##[`), escaped as in escape.ts.
 */
function block(commands: readonly string[], lang = 'sh'): string[] {
  const shown = commands.map(lines);
  const longest = Math.max(2, ...shown.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${lang}`, ...shown, fence];
}

/** Prose from the plan on one line (folded YAML scalars end in a newline). */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
const prose = (text: string) => inline(mdLine(oneLine(text)));
/** A name or value from the plan written as text: one line, control characters escaped, no HTML. */
const plain = (text: string) => inline(mdLine(text));
/** The same in a table cell. */
const cellText = (text: string) => inline(cell(text));

const UNIT_NAMES: ReadonlyArray<[number, string]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
  [1, 'millisecond'],
];

/** `15m` → `15 minutes`, `1h30m` → `1 hour 30 minutes`; malformed text is returned as is. */
export function humanDuration(text: string): string {
  let rest = parseDuration(text);
  if (rest === undefined) return text;
  if (rest === 0) return '0 seconds';
  const parts: string[] = [];
  for (const [size, name] of UNIT_NAMES) {
    const n = Math.floor(rest / size);
    if (n) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
    rest -= n * size;
  }
  return parts.join(' ');
}

/** A value with its metric's unit, as text (`text` escapes the unit for where it goes). */
function withUnit(value: number, metric: Metric | undefined, text = plain): string {
  const unit = metric?.unit;
  if (!unit) return String(value);
  if (unit === 'percent' || unit === '%') return `${value}%`;
  return `${value} ${text(value === 1 && /[^s]s$/.test(unit) ? unit.slice(0, -1) : unit)}`;
}

/** A command as written: only the newline a YAML block scalar leaves at the end is dropped. */
const command = (text: string) => text.replace(/\n+$/, '');

/** An expected result: prose stays prose; anything that looks like output or markup is code. */
const expected = (value: string | number | boolean, wrap = (text: string) => text) =>
  typeof value !== 'string' || /[{}"<>*_`|[\]#\\]/.test(value)
    ? code(wrap(oneLine(String(value))))
    : wrap(prose(value));

/** How a gate passes: the metric stays on the good side of the threshold. */
function gateText(gate: Gate, metric: Metric | undefined): string {
  const good = metric?.direction === 'lower-is-better' ? '≤' : '≥';
  const parts = [
    gate.threshold !== undefined
      ? `${code(gate.metric)} ${good} ${withUnit(gate.threshold, metric)}`
      : `${code(gate.metric)} within its thresholds`,
  ];
  const sampling = [
    gate.initialDelay && `after ${plain(gate.initialDelay)}`,
    gate.interval && `every ${plain(gate.interval)}`,
    gate.count !== undefined && `${gate.count} ${gate.count === 1 ? 'time' : 'times'}`,
  ].filter(Boolean);
  if (sampling.length) parts.push(`checked ${sampling.join(', ')}`);
  if (gate.failureLimit !== undefined)
    parts.push(`fails after ${gate.failureLimit} failed ${gate.failureLimit === 1 ? 'check' : 'checks'}`);
  return parts.join('; ');
}

function verifyLines(checks: readonly VerifyCheck[]): string[] {
  const out: string[] = [];
  for (const check of checks) {
    out.push(...block([command(check.command)]), '');
    if (check.expect !== undefined) out.push(`Expect: ${expected(check.expect)}`, '');
  }
  return out;
}

function triggerCondition(trigger: RollbackTrigger, metrics: ReadonlyMap<string, Metric>): string {
  const parts: string[] = [];
  if (trigger.metric) {
    const metric = metrics.get(trigger.metric);
    parts.push(
      trigger.operator && trigger.value !== undefined
        ? `${code(trigger.metric)} ${trigger.operator} ${withUnit(trigger.value, metric)}`
        : code(trigger.metric),
    );
  }
  if (trigger.healthCheck) parts.push(`health check ${code(trigger.healthCheck)} failing`);
  if (trigger.signal) parts.push(`signal: ${trigger.signal}`);
  return parts.join(', ');
}

const LEVEL_KIND: Record<string, string> = {
  'feature-flag': 'Feature flag',
  configuration: 'Configuration',
  code: 'Code',
};

/** Drops trailing blank lines (a section ends where its content ends). */
function trimEnd(lines: string[]): string[] {
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function header(plan: DeployPlan, options: RunbookOptions): string[] {
  const platform = plan.deployment.platform ? ` (${plain(plan.deployment.platform)})` : '';
  const out = [
    `# Runbook: ${plain(plan.project)}`,
    '',
    `> Generated by deploy-plan from ${code(options.file)}. Change the plan, then render again; edits here are lost.`,
    '',
    `- **Owner:** ${plain(plan.owner)}`,
    `- **Code types:** ${plain(plan.codeTypes.join(', '))}`,
    `- **Deployed with:** ${plain(plan.deployment.method)}${platform}`,
  ];
  if (options.readiness) out.push(`- **Plan readiness:** ${options.readiness}`);
  if (plan.monitoring.dashboard) out.push(`- **Dashboard:** ${plain(plan.monitoring.dashboard)}`);
  return out;
}

function whatItDoes(plan: DeployPlan): string[] {
  const f = plan.functionality;
  const out = ['', '## What it does', '', prose(f.purpose)];
  if (f.requirements?.length) out.push('', '**Requirements**', '', ...f.requirements.map((r) => `- ${prose(r)}`));
  const deps = f.dependencies;
  const depLines = [
    ...(deps?.services ?? []).map(
      (s) => `- Service ${code(s.name)}${s.description ? `: ${prose(s.description)}` : ''}`,
    ),
    ...(deps?.apis ?? []).map((a) => {
      const endpoint = a.endpoint ? ` (${code(a.endpoint)})` : '';
      return `- API ${code(a.name)}${endpoint}${a.description ? `: ${prose(a.description)}` : ''}`;
    }),
  ];
  if (depLines.length) out.push('', '**Depends on**', '', ...depLines);
  return out;
}

function migrationLines(m: NonNullable<DeployPlan['migrations']>): string[] {
  const from = m.directory ? ` from ${code(m.directory)}` : '';
  const out = ['', `Migrations run with ${m.tool}${from}${m.command ? `: ${code(m.command)}` : ''}.`];
  if (!m.changes?.length) return out;
  out.push('', '| Change | Phase | Runs | Reversible | Down |', '| --- | --- | --- | --- | --- |');
  for (const c of m.changes) {
    const reversible = c.reversible === undefined ? '' : c.reversible ? 'yes' : 'no';
    const down = c.down ? cellCode(c.down) : '';
    out.push(`| ${cell(prose(c.description))} | ${c.phase ?? ''} | ${c.runs ?? ''} | ${reversible} | ${down} |`);
  }
  return out;
}

function beforeYouStart(plan: DeployPlan): string[] {
  const envs = plan.deployment.environments ?? [];
  const required = (plan.env ?? []).filter((e) => e.required);
  const flags = plan.featureFlags ?? [];
  if (!envs.length && !required.length && !flags.length && !plan.migrations) return [];
  const out = ['', '## Before you start'];
  if (envs.length) {
    out.push('', '| Environment | URL | Approval |', '| --- | --- | --- |');
    for (const e of envs) out.push(`| ${cell(e.name)} | ${e.url ? cell(e.url) : ''} | ${e.approval ?? ''} |`);
  }
  if (required.length) {
    out.push('', 'Required environment variables:', '');
    for (const e of required)
      out.push(`- ${code(e.name)}${e.secret ? ' (secret)' : ''}${e.description ? `: ${prose(e.description)}` : ''}`);
  }
  if (flags.length) {
    out.push('', '| Feature flag | Provider | Default | Turning it off |', '| --- | --- | --- | --- |');
    for (const flag of flags) {
      const provider = `${cellText(flag.provider)}${flag.env ? ` (${cellCode(flag.env)})` : ''}`;
      const fallback = flag.default === undefined ? '' : cellCode(String(flag.default));
      const description = flag.description ? cell(prose(flag.description)) : '';
      out.push(`| ${cellCode(flag.key)} | ${provider} | ${fallback} | ${description} |`);
    }
  }
  if (plan.migrations) out.push(...migrationLines(plan.migrations));
  return out;
}

function deploymentSteps(plan: DeployPlan): string[] {
  const steps = plan.deployment.steps ?? [];
  if (!steps.length) return [];
  const out = ['', '## Deployment steps'];
  steps.forEach((step, i) => {
    const lines = ['', `### ${i + 1}. ${step.name ? prose(step.name) : plain(step.id)} (${code(step.id)})`, ''];
    const facts = [
      step.dependsOn?.length && `after ${step.dependsOn.map(code).join(', ')}`,
      step.environment && `environment ${code(step.environment)}`,
      step.project && `project ${code(step.project)}`,
      step.supports?.length && `supports ${step.supports.map(code).join(', ')}`,
    ].filter(Boolean);
    if (facts.length) lines.push(`${facts.join(' · ')}`, '');
    if (step.commands?.length) lines.push(...block(step.commands.map(command)), '');
    if (step.verify) lines.push('Verify:', '', ...verifyLines([step.verify]));
    else lines.push('No verification is planned for this step.', '');
    out.push(...trimEnd(lines));
  });
  return out;
}

function healthChecks(plan: DeployPlan): string[] {
  if (!plan.healthChecks?.length) return [];
  const out = ['', '## Health checks', '', '| Path | Kind | Verifies | Expect |', '| --- | --- | --- | --- |'];
  for (const h of plan.healthChecks) {
    const where = `${cellCode(`${h.method ?? 'GET'} ${h.path}`)}${h.port ? ` on port ${h.port}` : ''}`;
    const verifies = (h.verifies ?? []).map(cellCode).join(', ');
    out.push(`| ${where} | ${h.kind} | ${verifies} | ${h.expect ? expected(h.expect, cell) : ''} |`);
  }
  return out;
}

function rollout(plan: DeployPlan, metrics: Map<string, Metric>): string[] {
  const r = plan.rollout;
  if (!r) return [];
  const out = [
    '',
    '## Staged rollout',
    '',
    `Strategy: ${plain(r.strategy)}${r.controller ? `, driven by ${plain(r.controller)}` : ''}.`,
  ];
  (r.stages ?? []).forEach((stage, i) => {
    out.push('', `### Stage ${i + 1}. ${stage.name ? `${plain(stage.name)}: ` : ''}${stage.weight}%`, '');
    const facts = [
      stage.bake && `bake ${plain(humanDuration(stage.bake))}`,
      stage.approval && `${stage.approval} approval to continue`,
    ].filter(Boolean);
    if (facts.length) out.push(`${facts.join(' · ')}`, '');
    if (stage.command) out.push(...block([command(stage.command)]), '');
    if (stage.gates?.length) {
      out.push('Gates (all must hold to go on):', '');
      for (const gate of stage.gates) out.push(`- ${gateText(gate, metrics.get(gate.metric))}`);
    } else out.push('No gates: nothing checks the functionality at this stage.');
  });
  return out;
}

/** Rollback triggers grouped as the method groups them: immediate, evaluate within N, monitor. */
function rollbackTriggers(plan: DeployPlan, metrics: Map<string, Metric>): string[] {
  const triggers = plan.rollback.triggers ?? [];
  if (!triggers.length) return ['', 'No rollback triggers are planned.'];
  const levelKind = new Map((plan.rollback.levels ?? []).map((l) => [l.level, l.kind]));
  const line = (t: RollbackTrigger) => {
    const condition = triggerCondition(t, metrics);
    const what = t.description ? `${prose(t.description)}${condition ? ` (${condition})` : ''}` : condition;
    const kind = t.level !== undefined ? levelKind.get(t.level) : undefined;
    return `- ${what}${t.level !== undefined ? `: roll back at level ${t.level}${kind ? ` (${kind})` : ''}` : ''}`;
  };
  const out: string[] = [];
  const immediate = triggers.filter((t) => t.response === 'immediate');
  if (immediate.length)
    out.push(
      '',
      '### Roll back immediately (no discussion)',
      '',
      'The functionality is broken.',
      '',
      ...immediate.map(line),
    );
  const evaluate = new Map<string, RollbackTrigger[]>();
  for (const t of triggers.filter((x) => x.response === 'evaluate'))
    evaluate.set(t.within ?? '', [...(evaluate.get(t.within ?? '') ?? []), t]);
  const byTime = [...evaluate.entries()].sort(
    ([a], [b]) => (parseDuration(a) ?? Infinity) - (parseDuration(b) ?? Infinity),
  );
  for (const [within, list] of byTime) {
    const title = within ? `### Evaluate within ${plain(humanDuration(within))}` : '### Evaluate';
    out.push('', title, '', 'The functionality is degraded: decide whether to roll back.', '', ...list.map(line));
  }
  const monitor = triggers.filter((t) => t.response === 'monitor');
  if (monitor.length)
    out.push(
      '',
      '### Monitor, do not roll back',
      '',
      'The functionality works, but not as well as it should.',
      '',
      ...monitor.map(line),
    );
  return out;
}

function rollbackLevels(plan: DeployPlan): string[] {
  const budgets: Record<number, string> = {
    1: DEFAULT_ROLLBACK_BUDGETS.level1,
    2: DEFAULT_ROLLBACK_BUDGETS.level2,
    3: DEFAULT_ROLLBACK_BUDGETS.level3,
  };
  const out: string[] = [];
  for (const level of [...(plan.rollback.levels ?? [])].sort((a, b) => a.level - b.level)) {
    const budget = level.maxDuration ?? budgets[level.level];
    const kind = LEVEL_KIND[level.kind] ?? level.kind;
    const limit = budget ? ` (at most ${plain(humanDuration(budget))})` : '';
    const lines = ['', `### Level ${level.level}: ${plain(kind)}${limit}`, ''];
    if (level.useWhen) lines.push(`Use when: ${prose(level.useWhen)}`, '');
    if (level.actions?.length) lines.push(...block(level.actions.map(command)), '');
    if (level.verification?.length) lines.push('Verify:', '', ...verifyLines(level.verification));
    out.push(...trimEnd(lines));
  }
  return out;
}

function monitoring(plan: DeployPlan): string[] {
  const metricList = plan.monitoring.metrics ?? [];
  const alerts = plan.monitoring.alerts ?? [];
  if (!metricList.length && !alerts.length) return [];
  const out = ['', '## Monitoring'];
  if (metricList.length) {
    out.push(
      '',
      '| Metric | Tracks | Good when | Alert at | Roll back at | Every | Failure limit |',
      '| --- | --- | --- | ---: | ---: | --- | ---: |',
    );
    for (const m of metricList) {
      const good = m.direction === 'lower-is-better' ? 'lower' : m.direction === 'higher-is-better' ? 'higher' : '';
      const alert = m.thresholds?.alert !== undefined ? withUnit(m.thresholds.alert, m, cellText) : '';
      const rollback = m.thresholds?.rollback !== undefined ? withUnit(m.thresholds.rollback, m, cellText) : '';
      const tracks = (m.tracks ?? []).map(cellCode).join(', ');
      const cells = [
        `${cellCode(m.name)} (${m.type})`,
        tracks,
        good,
        alert,
        rollback,
        m.interval ? cellText(m.interval) : '',
        m.failureLimit ?? '',
      ];
      out.push(`| ${cells.join(' | ')} |`);
    }
  }
  if (alerts.length) {
    out.push('', '| Alert | Condition | For | Action |', '| --- | --- | --- | --- |');
    for (const a of alerts) {
      const condition = cellCode(`${a.metric} ${a.operator} ${a.value}`);
      out.push(`| ${cellCode(a.name)} | ${condition} | ${a.for ? cellText(a.for) : ''} | ${a.action} |`);
    }
  }
  return out;
}

function openFindings(options: RunbookOptions): string[] {
  const open = (options.findings ?? []).filter((d) => !d.suppressed);
  if (!open.length) return [];
  const out = ['', '## Open findings', '', 'The plan passes the check, but these remain:', ''];
  for (const d of open)
    out.push(`- ${d.severity}: ${prose(d.message)} (${code(`${d.file}:${d.line}:${d.column}`)}, ${code(d.ruleId)})`);
  return out;
}

/**
 * The plan as the runbook an on-call engineer follows: what the project does, the deployment
 * steps in order with their commands and expected results, the staged rollout and its gates,
 * rollback triggers grouped as the method groups them, the rollback levels with their time
 * budgets, and the monitoring that tells whether the functionality works.
 */
export function renderRunbook(plan: DeployPlan, options: RunbookOptions): string {
  const metrics = new Map((plan.monitoring.metrics ?? []).map((m) => [m.name, m]));
  const out = [
    ...header(plan, options),
    ...whatItDoes(plan),
    ...beforeYouStart(plan),
    ...deploymentSteps(plan),
    ...healthChecks(plan),
    ...rollout(plan, metrics),
    '',
    '## Rollback',
    ...rollbackTriggers(plan, metrics),
    ...rollbackLevels(plan),
    ...monitoring(plan),
    ...openFindings(options),
  ];
  // Only prose from the plan or a command can begin a line; neither may begin a `::` line.
  return guardLines(out.join('\n') + '\n', '&#58;');
}

const ACTION: Record<Alert['action'], string> = {
  'rollback-immediate': 'rollback_immediate',
  page: 'page',
  'alert-team': 'alert_team',
  ticket: 'ticket',
};

/**
 * The plan's monitoring as JSON in the shape of the method's `monitoring-config.json`: metrics by
 * name with their alert and rollback thresholds, alerts by name with a condition and an action.
 */
export function monitoringConfig(plan: DeployPlan): Record<string, unknown> {
  // Keyed by names from the plan, so without a prototype: a metric named `__proto__` is a key.
  const metrics = Object.create(null) as Record<string, unknown>;
  for (const m of plan.monitoring.metrics ?? []) {
    metrics[m.name] = {
      type: m.type,
      ...(m.description !== undefined ? { description: oneLine(m.description) } : {}),
      ...(m.unit !== undefined ? { unit: m.unit } : {}),
      ...(m.direction !== undefined ? { direction: m.direction } : {}),
      ...(m.thresholds?.alert !== undefined ? { alert_threshold: m.thresholds.alert } : {}),
      ...(m.thresholds?.rollback !== undefined ? { rollback_threshold: m.thresholds.rollback } : {}),
      ...(m.interval !== undefined ? { interval: m.interval } : {}),
      ...(m.failureLimit !== undefined ? { failure_limit: m.failureLimit } : {}),
      ...(m.tracks?.length ? { tracks: m.tracks } : {}),
      ...(m.query !== undefined ? { query: m.query } : {}),
    };
  }
  const alerts = Object.create(null) as Record<string, unknown>;
  for (const a of plan.monitoring.alerts ?? []) {
    alerts[a.name] = {
      condition: `${a.metric} ${a.operator} ${a.value}`,
      action: ACTION[a.action],
      ...(a.for !== undefined ? { for: a.for } : {}),
    };
  }
  return {
    project: plan.project,
    ...(plan.monitoring.dashboard !== undefined ? { dashboard: plan.monitoring.dashboard } : {}),
    metrics,
    alerts,
  };
}
