// Runs `deploy-plan check` in-process on one plan (and optional config) in a temp workspace,
// and checks what every run must satisfy whatever the input.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type CliIo } from '@deploy-plan/cli';
import { Finding } from './harness';

/** A fixed date so that waiver expiry does not depend on the day the fuzzer runs. */
export const NOW = '2026-06-15';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export class Workspace {
  readonly root: string;

  constructor(prefix = 'dp-fuzz-') {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.writeFileSync(path.join(this.root, 'nx.json'), '{}');
    fs.mkdirSync(path.join(this.root, 'apps/demo'), { recursive: true });
    // An empty policyDirs folder for the configs that name one.
    fs.mkdirSync(path.join(this.root, 'tools/policies'), { recursive: true });
  }

  write(plan: string, config?: string): void {
    fs.writeFileSync(path.join(this.root, 'apps/demo/deploy-plan.yaml'), plan);
    const configFile = path.join(this.root, 'deploy-plan.config.yaml');
    if (config === undefined) fs.rmSync(configFile, { force: true });
    else fs.writeFileSync(configFile, config);
  }

  async check(extra: readonly string[] = []): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      cwd: this.root,
      env: {},
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      isTTY: false,
    };
    const code = await main(['check', '--format', 'json', '--no-cache', '--now', NOW, ...extra], io);
    return { code, stdout, stderr };
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

interface Located {
  message?: unknown;
  file?: unknown;
  line?: unknown;
  column?: unknown;
  endLine?: unknown;
  endColumn?: unknown;
  ruleId?: unknown;
  related?: unknown;
}

const positive = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1;

/** A problem with a diagnostic's position, or undefined. */
export function positionProblem(d: Located, root: string): string | undefined {
  if (typeof d.file !== 'string' || !d.file) return `no file`;
  if (path.isAbsolute(d.file) || d.file.includes(root) || d.file.includes('\\')) return `file not relative POSIX`;
  if (!positive(d.line)) return `line ${JSON.stringify(d.line)}`;
  if (!positive(d.column)) return `column ${JSON.stringify(d.column)}`;
  if (d.endLine !== undefined && !positive(d.endLine)) return `endLine ${JSON.stringify(d.endLine)}`;
  if (d.endColumn !== undefined && !positive(d.endColumn)) return `endColumn ${JSON.stringify(d.endColumn)}`;
  return undefined;
}

/** Throws a Finding when the run breaks a property that must hold for any input. */
export function checkRun(run: CliRun, root: string): void {
  if (![0, 1, 2].includes(run.code)) throw new Finding('exit-code', `exit code ${run.code}`);
  if (/internal error/.test(run.stderr))
    throw new Finding('internal-error', run.stderr.split('\n')[0].replace(/^deploy-plan: internal error: /, ''));
  let report: { diagnostics?: Located[]; configDiagnostics?: Located[] };
  try {
    report = JSON.parse(run.stdout) as typeof report;
  } catch (error) {
    throw new Finding(
      'stdout-not-json',
      `${(error as Error).message}; exit ${run.code}; stdout ${JSON.stringify(run.stdout.slice(0, 200))}; ` +
        `stderr ${JSON.stringify(run.stderr.slice(0, 300))}`,
    );
  }
  for (const [list, items] of [
    ['diagnostics', report.diagnostics],
    ['configDiagnostics', report.configDiagnostics],
  ] as const) {
    if (!Array.isArray(items)) throw new Finding('report-shape', `${list} is not an array`);
    for (const d of items) {
      // The fuzz workspace has no policy of its own: an `internal/` finding is a built-in policy
      // (or the runner) failing on the input, reported in the JSON and not on stderr.
      if (typeof d.ruleId === 'string' && d.ruleId.startsWith('internal/'))
        throw new Finding('policy-error', `${d.ruleId}: ${String(d.message)}`, JSON.stringify(d).slice(0, 2000));
      const problem = positionProblem(d, root);
      if (problem) throw new Finding('bad-position', `${list} ${String(d.ruleId)}: ${problem}`, JSON.stringify(d));
      for (const r of Array.isArray(d.related) ? (d.related as Located[]) : []) {
        const relatedProblem = positionProblem(r, root);
        if (relatedProblem)
          throw new Finding(
            'bad-position',
            `${list} ${String(d.ruleId)} related: ${relatedProblem}`,
            JSON.stringify(d),
          );
      }
    }
  }
}

/** Checks the run, runs it again and requires the same output. */
export async function checkTwice(ws: Workspace, extra: readonly string[] = []): Promise<CliRun> {
  const first = await ws.check(extra);
  checkRun(first, ws.root);
  const second = await ws.check(extra);
  if (first.code !== second.code || first.stdout !== second.stdout || first.stderr !== second.stderr)
    throw new Finding(
      'nondeterministic',
      `exit ${first.code}/${second.code}; stdout ${first.stdout === second.stdout ? 'same' : 'differs'}; ` +
        `stderr ${first.stderr === second.stderr ? 'same' : 'differs'}`,
      firstDifference(first.stdout, second.stdout),
    );
  return first;
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i === a.length && i === b.length
    ? ''
    : `at ${i}: ${JSON.stringify(a.slice(i, i + 120))} vs ${JSON.stringify(b.slice(i, i + 120))}`;
}
