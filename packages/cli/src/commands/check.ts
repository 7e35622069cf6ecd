import * as path from 'node:path';
import { Command, Option } from 'commander';
import { findWorkspaceRoot, isAtLeast, parseDuration, SEVERITIES, type Severity } from '@deploy-plan/core';
import { formatters, type FormatInput } from '@deploy-plan/formatters';
import { EXIT, UsageError, useColor, type CliIo } from '../io';
import { prepareCheck, type Prepared } from '../prepare';
import { ruleInfos } from '../rules';
import { VERSION } from '../version';
import { writeAtomically } from '../scaffold';
import { withDeadline } from '../deadline';
import { checkStaged } from '../staged';

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
  if (!Object.hasOwn(formatters, name))
    throw new UsageError(
      `Unknown format \`${name}\`; choose from ${Object.keys(formatters).join(', ')} (optionally \`name=file\`).`,
    );
  return [...previous, value];
}

/** Where each format goes: `undefined` is stdout. */
function outputsOf(flags: CheckFlags, cwd: string): { format: string; file?: string }[] {
  const specs = flags.format.length ? flags.format : ['stylish'];
  const outputs = specs.map((spec) => {
    const [format, file] = spec.split(/=(.*)/s);
    return { format, file: file ? path.resolve(cwd, file) : undefined };
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
      `output format: ${Object.keys(formatters).join(', ')}; \`name=file\` writes it to a file (repeatable)`,
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
  $ deploy-plan check --staged                          in a pre-commit hook`,
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
      };
      const timeout = parseTimeout(flags.timeout);
      const deadline = <T>(work: () => T) => withDeadline(timeout, flags.timeout, work);
      let checked: Prepared;
      if (flags.staged) {
        if (inputs.length) throw new UsageError('--staged checks the staged change; it takes no paths.');
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
  outputs: { format: string; file?: string }[],
  checked: Prepared,
  paths: string[],
): number {
  const { result, config } = checked;
  if (result.missing.length)
    throw new UsageError(
      `No such file or directory: ${result.missing.map((m) => path.relative(io.cwd, m) || '.').join(', ')}`,
    );
  const failOn = flags.failOn ?? config.failOn ?? 'critical';
  const input: FormatInput = {
    version: VERSION,
    rules: ruleInfos(checked.policies),
    diagnostics: result.diagnostics,
    plans: result.plans.map((plan) => ({
      ...plan,
      policies: config.policiesFor(plan.project).map((p) => p.policy.id),
    })),
    failOn,
    configDiagnostics: result.configDiagnostics,
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
    const text = formatters[format](input, {
      color: file ? false : useColor(io, flags.color),
      root: result.root,
      sarifCategory: flags.sarifCategory,
    });
    // A commit hook is quiet when the commit is clean, as lint-staged is.
    const clean = !result.diagnostics.length && !result.configDiagnostics.length;
    if (!file && !(flags.staged && clean && format === 'stylish')) io.stdout(text);
    else if (file) writeAtomically(file, text);
  }
  const internal = result.diagnostics.some((d) => d.ruleId.startsWith('internal/'));
  if (result.configDiagnostics.length || internal) {
    io.stderr(
      `deploy-plan: ${
        result.configDiagnostics.length
          ? 'the config has problems (see above); plans were checked with what could be ' + 'applied'
          : 'a policy failed (see above)'
      }.\n`,
    );
    return EXIT.error;
  }
  const failed = result.diagnostics.some((d) => !d.suppressed && isAtLeast(d.severity, failOn));
  if (failed && flags.staged) io.stderr(STAGED_HINT);
  return failed ? EXIT.findings : EXIT.ok;
}

const STAGED_HINT =
  'deploy-plan: commit stopped. Fix the findings above, or waive one with a reason and an expiry under ' +
  '`waivers:` in its plan (`deploy-plan explain <policy>`); `git commit --no-verify` skips every hook.\n';
