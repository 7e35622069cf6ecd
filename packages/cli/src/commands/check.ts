import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, Option } from 'commander';
import {
  applySuppressions,
  findWorkspaceRoot,
  isAtLeast,
  parseDuration,
  pruneSuppressions,
  readSourceFile,
  SEVERITIES,
  sortDiagnostics,
  suppressedCount,
  suppressFindings,
  suppressionsText,
  type Severity,
  type UnusedSuppression,
} from '@deploy-plan/core';
import type { FormatInput } from '@deploy-plan/formatters';
import { FORMAT_NAMES, formatterFor, isFormatName, type FormatName } from '@deploy-plan/formatters/formats';
import { EXIT, UsageError, useColor, type CliIo } from '../io';
import { prepareCheck, type Prepared } from '../prepare';
import { docsUrlOf, ruleInfos } from '../rules';
import { VERSION } from '../version';
import { writeAtomically } from '../scaffold';
import { withDeadline } from '../deadline';

interface CheckFlags {
  format: string[];
  outputFile?: string;
  failOn?: Severity;
  root?: string;
  config?: string;
  now?: string;
  maxFileSize?: number;
  color?: boolean;
  schemaOnly?: boolean;
  staged?: boolean;
  cache: boolean;
  sarifCategory?: string;
  timeout: string;
  suppressAll?: boolean;
  suppressPolicy: string[];
  pruneSuppressions?: boolean;
  suppressionsLocation?: string;
  passOnUnprunedSuppressions?: boolean;
}

/** `--timeout`: a duration such as 30s, 10m or 1h. */
function parseTimeout(value: string): number {
  const ms = parseDuration(value);
  if (!ms) throw new UsageError(`--timeout takes a duration such as 90s, 10m or 1h, not \`${value}\`.`);
  return ms;
}

function parseSize(value: string): number {
  const m = /^([0-9]+)\s*(b|k|kb|kib|m|mb|mib)?$/i.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size takes a size such as 1048576, 512KiB or 8MiB, not \`${value}\`.`);
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Number(m[1]) * factor;
}

export function parseNow(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UsageError(`--now takes a date such as 2027-01-31, not \`${value}\`.`);
  }
  return new Date(`${value}T12:00:00Z`);
}

/** `--format name` or `--format name=file`, repeatable. */
function collectFormat(value: string, previous: string[]): string[] {
  const name = value.split('=')[0];
  if (!isFormatName(name))
    throw new UsageError(
      `Unknown format \`${name}\`; choose from ${FORMAT_NAMES.join(', ')} (optionally \`name=file\`).`,
    );
  return [...previous, value];
}

/** Where each format goes: `undefined` is stdout. */
function outputsOf(flags: CheckFlags, cwd: string): { format: FormatName; file?: string }[] {
  const specs = flags.format.length ? flags.format : ['stylish'];
  const outputs = specs.map((spec) => {
    const [format, file] = spec.split(/=(.*)/s);
    return { format: format as FormatName, file: file ? path.resolve(cwd, file) : undefined };
  });
  const toStdout = outputs.filter((o) => !o.file);
  if (toStdout.length > 1)
    throw new UsageError(
      'Only one format can go to standard output; give the others a file (`--format sarif=report.sarif`).',
    );
  if (flags.outputFile) {
    if (!toStdout.length)
      throw new UsageError(
        '--output-file names where the standard-output format goes, but every format already has a file.',
      );
    toStdout[0].file = path.resolve(cwd, flags.outputFile);
  }
  return outputs;
}

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('Validate deploy-plan.yaml files, run the policies, and report findings.')
    .argument('[paths...]', 'files or folders to check (default: the workspace root)')
    .option(
      '-f, --format <format>',
      `output format: ${FORMAT_NAMES.join(', ')}; \`name=file\` writes it to a file (repeatable)`,
      collectFormat,
      [],
    )
    .option('-o, --output-file <file>', 'write the report to a file instead of standard output (atomically)')
    .addOption(
      new Option(
        '--fail-on <severity>',
        "lowest severity that makes the exit code 1 (default: the config's failOn, else critical)",
      ).choices([...SEVERITIES]),
    )
    .option('--root <dir>', 'workspace root (default: nearest folder with nx.json or .git)')
    .option('-c, --config <file>', 'config file (default: deploy-plan.config.yaml at the root)')
    .option('--now <date>', 'the date waivers expire against, as YYYY-MM-DD (default: today)')
    .option('--max-file-size <size>', 'largest plan file read (default 8MiB)', parseSize)
    .option(
      '--staged',
      'check what the commit holds (for pre-commit hooks): the projects that own staged files or import ' +
        'staged library code, with plans, config and code as staged; quiet when clean',
    )
    .option('--schema-only', 'only parse and validate against the schema; run no policy')
    .option('--suppress-all', "accept today's failing findings in the suppressions file; fail only on new ones")
    .option(
      '--suppress-policy <id>',
      "accept today's failing findings of this policy in the suppressions file (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--prune-suppressions', 'remove from the suppressions file what no longer occurs')
    .option(
      '--suppressions-location <file>',
      'the suppressions file (default: deploy-plan-suppressions.json at the root)',
    )
    .option('--pass-on-unpruned-suppressions', 'do not fail when the suppressions file counts findings that are gone')
    .option(
      '--sarif-category <id>',
      'SARIF automationDetails.id, one per analysis in GitHub code scanning (default deploy-plan/)',
    )
    .option('--no-cache', 'do not read or write the code-facts cache (node_modules/.cache/deploy-plan)')
    .option('--timeout <duration>', 'stop the check (exit 2) if it runs longer than this', '10m')
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output')
    .addHelpText(
      'after',
      `
Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, config or internal error.

Examples:
  $ deploy-plan check                                   check every plan in the workspace
  $ deploy-plan check apps/orders-api                   check one project's plan
  $ deploy-plan check --fail-on important               also fail on important findings
  $ deploy-plan check --format sarif=deploy-plan.sarif  stylish on screen, SARIF for code scanning
  $ deploy-plan check --staged                          in a pre-commit hook
  $ deploy-plan check --suppress-all                    adopt: accept today's findings, fail on new ones`,
    )
    .action((paths: string[], flags: CheckFlags) => {
      const outputs = outputsOf(flags, io.cwd);
      const inputs = paths.map((p) => path.resolve(io.cwd, p));
      let root = flags.root ? path.resolve(io.cwd, flags.root) : findWorkspaceRoot(io.cwd);
      if (!flags.root && inputs.length && inputs.some((p) => path.relative(root, p).startsWith('..'))) {
        // Checking something outside this workspace: report paths relative to its own root.
        root = findWorkspaceRoot(inputs[0]);
      }
      const now = flags.now ? parseNow(flags.now) : undefined;
      const common = {
        root,
        configPath: flags.config,
        now,
        maxFileSize: flags.maxFileSize,
        schemaOnly: flags.schemaOnly,
        cache: flags.cache,
        suppressionsPath: flags.suppressionsLocation && path.resolve(io.cwd, flags.suppressionsLocation),
      };
      const writes = flags.suppressAll || flags.suppressPolicy.length || flags.pruneSuppressions;
      if (writes && (flags.staged || flags.schemaOnly))
        throw new UsageError(
          `--suppress-all, --suppress-policy and --prune-suppressions run every policy on the plans as they are; ` +
            `they do not combine with ${flags.staged ? '--staged' : '--schema-only'}.`,
        );
      const timeout = parseTimeout(flags.timeout);
      const deadline = <T>(work: () => T) => withDeadline(timeout, flags.timeout, work);
      let checked: Prepared;
      if (flags.staged) {
        if (inputs.length) throw new UsageError('--staged checks the staged change; it takes no paths.');
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- git and the index load only for --staged
        const { checkStaged } = require('../staged') as typeof import('../staged');
        const staged = deadline(() => checkStaged(io.cwd, root, common));
        // The change concerns no project with a plan: done, quietly.
        if (!staged) {
          setExit(EXIT.ok);
          return;
        }
        checked = staged;
      } else {
        checked = deadline(() => prepareCheck({ ...common, paths: inputs }));
      }
      setExit(report(io, flags, outputs, checked, paths));
    });
}

/** Prints and writes the report, and decides the exit code. */
function report(
  io: CliIo,
  flags: CheckFlags,
  outputs: { format: FormatName; file?: string }[],
  checked: Prepared,
  paths: string[],
): number {
  const { result, config } = checked;
  if (result.missing.length)
    throw new UsageError(
      `No such file or directory: ${result.missing.map((m) => path.relative(io.cwd, m) || '.').join(', ')}`,
    );
  const failOn = flags.failOn ?? config.failOn ?? 'critical';
  const baseline = withBaseline(io, flags, checked, failOn);
  const input: FormatInput = {
    version: VERSION,
    rules: ruleInfos(checked.policies, {
      docsBaseUrl: config.docsBaseUrl,
      help: outputs.some((o) => o.format === 'sarif'),
    }),
    diagnostics: withDocs(baseline.diagnostics, config.docsBaseUrl),
    suppressions: baseline.suppressions,
    plans: baseline.plans.map((plan) => ({
      ...plan,
      policies: config.policiesFor(plan.project).map((p) => p.policy.id),
    })),
    failOn,
    ...(outputs.some((o) => o.format === 'html') ? { sources: sourcesOf(result.root, baseline.diagnostics) } : {}),
    configDiagnostics: withDocs([...result.configDiagnostics, ...checked.baseline.diagnostics], config.docsBaseUrl),
  };
  if (!result.plans.length && !result.configDiagnostics.length) {
    if (paths.length) throw new UsageError(`No deploy-plan.yaml or deploy-plan.yml found under ${paths.join(', ')}.`);
    io.stderr(
      'No deploy-plan.yaml or deploy-plan.yml found in the workspace. Create one with ' +
        '`deploy-plan scaffold <project-dir>`.\n',
    );
    // A machine-readable report is still written, empty: a script reading it gets a document.
    if (outputs.every((o) => o.format === 'stylish' && !o.file)) return EXIT.ok;
  }
  for (const { format, file } of outputs) {
    const text = formatterFor(format)(input, {
      color: file ? false : useColor(io, flags.color),
      root: result.root,
      sarifCategory: flags.sarifCategory,
    });
    // A commit hook is quiet when the commit is clean, as lint-staged is.
    const clean = !input.diagnostics.length && !input.configDiagnostics?.length;
    if (!file && !(flags.staged && clean && format === 'stylish')) io.stdout(text);
    else if (file) writeAtomically(file, text);
  }
  const internal = result.diagnostics.some((d) => d.ruleId.startsWith('internal/'));
  if (input.configDiagnostics?.length || internal) {
    io.stderr(
      `deploy-plan: ${
        input.configDiagnostics?.length
          ? 'the config has problems (see above); plans were checked with what could be ' + 'applied'
          : 'a policy failed (see above)'
      }.\n`,
    );
    return EXIT.error;
  }
  const failed = input.diagnostics.some((d) => !d.suppressed && isAtLeast(d.severity, failOn));
  const stale = baseline.unused.length > 0 && !flags.passOnUnprunedSuppressions;
  if (stale && !failed)
    io.stderr(
      `deploy-plan: ${baseline.suppressions!.file} counts findings that are gone; run ` +
        '`deploy-plan check --prune-suppressions` so they cannot come back unnoticed ' +
        '(or pass --pass-on-unpruned-suppressions).\n',
    );
  if ((failed || stale) && flags.staged) io.stderr(STAGED_HINT);
  return failed || stale ? EXIT.findings : EXIT.ok;
}

/** The lines of each file a finding points at, for the HTML page's excerpts (small text files only). */
function sourcesOf(root: string, diagnostics: FormatInput['diagnostics']): Record<string, string[]> {
  const sources: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const file of new Set(diagnostics.map((d) => d.file))) {
    const read = readSourceFile(path.join(root, file), 2 * 1024 * 1024);
    if (read.ok) sources[file] = read.text.split(/\r?\n/);
  }
  return sources;
}

/** Findings linked to their rule's page under the config's `docsBaseUrl`, when it names one. */
function withDocs(
  diagnostics: FormatInput['diagnostics'],
  docsBaseUrl: string | undefined,
): FormatInput['diagnostics'] {
  if (!docsBaseUrl) return diagnostics;
  return diagnostics.map((d) => ({ ...d, docsUrl: docsUrlOf(d.ruleId, d.docsUrl, docsBaseUrl) }));
}

interface Baselined {
  plans: Prepared['result']['plans'];
  diagnostics: FormatInput['diagnostics'];
  suppressions?: FormatInput['suppressions'];
  unused: UnusedSuppression[];
}

/**
 * Applies the suppressions file to the findings, after writing it first when asked to
 * (`--suppress-all`, `--suppress-policy`, `--prune-suppressions`). A file with problems
 * suppresses nothing (its problems fail the run as the config's do).
 */
function withBaseline(io: CliIo, flags: CheckFlags, checked: Prepared, failOn: Severity): Baselined {
  const { result, baseline } = checked;
  const plain = { plans: result.plans, diagnostics: result.diagnostics, unused: [] };
  if (baseline.diagnostics.length || flags.schemaOnly) return plain;
  let entries = baseline.entries;
  const absolute = path.join(result.root, baseline.file);
  if (flags.suppressAll || flags.suppressPolicy.length) {
    const known = new Set(checked.policies.map((p) => p.id));
    const unknown = flags.suppressPolicy.filter((id) => !known.has(id));
    if (unknown.length) throw new UsageError(`Unknown policy: ${unknown.join(', ')} (see \`deploy-plan explain\`).`);
    const policies = flags.suppressAll ? undefined : flags.suppressPolicy;
    entries = suppressFindings(entries, result.plans, { failOn, policies });
  }
  if (flags.pruneSuppressions) {
    const exists = (plan: string) => fs.existsSync(path.join(result.root, plan));
    entries = pruneSuppressions(entries, result.plans, exists);
  }
  if (entries !== baseline.entries) {
    const before = suppressedCount(baseline.entries);
    const after = suppressedCount(entries);
    writeAtomically(absolute, suppressionsText(entries));
    io.stderr(
      `deploy-plan: wrote ${baseline.file}: ${after} finding${after === 1 ? '' : 's'} in ` +
        `${Object.keys(entries).length} plan${Object.keys(entries).length === 1 ? '' : 's'} accepted for now ` +
        `(${after >= before ? '+' : '-'}${Math.abs(after - before)}).\n`,
    );
  }
  if (!Object.keys(entries).length && !fs.existsSync(absolute)) return plain;
  // A plan that did not load was not checked: its entries are neither used nor unused.
  const checkedPlans = result.plans.filter((p) => p.checked);
  const applied = applySuppressions(checkedPlans, { entries, file: baseline.file });
  const byFile = new Map(applied.plans.map((p) => [p.file, p]));
  const plans = result.plans.map((p) => byFile.get(p.file) ?? p);
  return {
    plans,
    diagnostics: sortDiagnostics(plans.flatMap((p) => p.diagnostics)),
    suppressions: { file: baseline.file, unused: applied.unused },
    unused: applied.unused,
  };
}

const STAGED_HINT =
  'deploy-plan: commit stopped. Fix the findings above, or waive one with a reason and an expiry under ' +
  '`waivers:` in its plan (`deploy-plan explain <policy>`); `git commit --no-verify` skips every hook.\n';
