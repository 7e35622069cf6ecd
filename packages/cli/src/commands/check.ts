import * as path from 'node:path';
import { Command, Option } from 'commander';
import { findWorkspaceRoot, isAtLeast, SEVERITIES, type Severity } from '@deploy-plan/core';
import { formatters } from '@deploy-plan/formatters';
import { EXIT, UsageError, useColor, type CliIo } from '../io';
import { checkWithThreads } from '../parallel';

interface CheckFlags {
  format: string;
  failOn?: Severity;
  root?: string;
  config?: string;
  now?: string;
  maxFileSize?: number;
  color?: boolean;
  schemaOnly?: boolean;
  concurrency: number | 'auto' | 'off';
}

function parseConcurrency(value: string): number | 'auto' | 'off' {
  if (value === 'auto' || value === 'off') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency takes a number of threads, \`auto\` or \`off\`, not \`${value}\`.`);
  return n;
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

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('Validate deploy-plan.yaml files, run the policies, and report findings.')
    .argument('[paths...]', 'files or folders to check (default: the workspace root)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1 (default: the config\'s failOn, else critical)').choices([...SEVERITIES]))
    .option('--root <dir>', 'workspace root (default: nearest folder with nx.json or .git)')
    .option('-c, --config <file>', 'config file (default: deploy-plan.config.yaml at the root)')
    .option('--now <date>', 'the date waivers expire against, as YYYY-MM-DD (default: today)')
    .option('--max-file-size <size>', 'largest plan file read (default 8MiB)', parseSize)
    .option('--schema-only', 'only parse and validate against the schema; run no policy')
    .option('--concurrency <n>', 'threads for large runs: a number, auto (up to 4 as cores allow, one per 250 plans) or off', parseConcurrency, 'auto')
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output')
    .addHelpText(
      'after',
      `
Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 usage, config or internal error.

Examples:
  $ deploy-plan check                       check every plan in the workspace
  $ deploy-plan check apps/orders-api       check one project's plan
  $ deploy-plan check --fail-on important   also fail on important findings
  $ deploy-plan check --format json > report.json`,
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      const inputs = paths.map((p) => path.resolve(io.cwd, p));
      let root = flags.root ? path.resolve(io.cwd, flags.root) : findWorkspaceRoot(io.cwd);
      if (!flags.root && inputs.length && inputs.some((p) => path.relative(root, p).startsWith('..'))) {
        // Checking something outside this workspace: report paths relative to its own root.
        root = findWorkspaceRoot(inputs[0]);
      }
      const now = flags.now ? parseNow(flags.now) : undefined;
      const { result, config } = await checkWithThreads({
        root,
        paths: inputs,
        configPath: flags.config,
        now,
        maxFileSize: flags.maxFileSize,
        schemaOnly: flags.schemaOnly,
        concurrency: flags.concurrency,
      });
      if (result.missing.length) {
        throw new UsageError(`No such file or directory: ${result.missing.map((m) => path.relative(io.cwd, m) || '.').join(', ')}`);
      }
      const failOn = flags.failOn ?? config.failOn ?? 'critical';
      const color = useColor(io, flags.color);
      if (!result.plans.length) {
        if (result.configDiagnostics.length) io.stdout(formatters[flags.format]({ diagnostics: [], plans: [], failOn, configDiagnostics: result.configDiagnostics }, { color }));
        if (inputs.length) throw new UsageError(`No deploy-plan.yaml or deploy-plan.yml found under ${paths.join(', ')}.`);
        io.stderr('No deploy-plan.yaml or deploy-plan.yml found in the workspace. Create one with `deploy-plan scaffold <project-dir>`.\n');
        setExit(result.configDiagnostics.length ? EXIT.error : EXIT.ok);
        return;
      }
      io.stdout(formatters[flags.format]({ diagnostics: result.diagnostics, plans: result.plans, failOn, configDiagnostics: result.configDiagnostics }, { color }));
      const internal = result.diagnostics.some((d) => d.ruleId.startsWith('internal/'));
      if (result.configDiagnostics.length || internal) {
        io.stderr(`deploy-plan: ${result.configDiagnostics.length ? 'the config has problems (see above); plans were checked with what could be applied' : 'a policy failed (see above)'}.\n`);
        setExit(EXIT.error);
        return;
      }
      const failing = result.diagnostics.some((d) => !d.suppressed && isAtLeast(d.severity, failOn));
      setExit(failing ? EXIT.findings : EXIT.ok);
    });
}
