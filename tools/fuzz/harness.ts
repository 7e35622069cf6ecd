// Runs a fast-check property many times and keeps going after a failure: every distinct kind of
// failure (its signature) is shrunk once to a minimal counterexample, later cases with a known
// signature are only counted. Sizes, seed and output are set by environment variables:
//
//   FUZZ_RUNS=100000        plan/config cases in all (split between the properties by share)
//   FUZZ_CASES_<NAME>=n     cases of one property (e.g. FUZZ_CASES_SOURCES=2000); wins over FUZZ_RUNS
//   FUZZ_SEED=n             seed (default: fixed in the jest-sized run, random when fuzzing)
//   FUZZ_SLOW_MS=10000      a case slower than this is a finding
//   FUZZ_STATE_DIR=dir      where the current case and the summaries are written (tools/fuzz/run.mjs)
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';

/** A property broken by one case: `kind` and message make the failure's signature. */
export class Finding extends Error {
  constructor(
    readonly kind: string,
    readonly summary: string,
    readonly detail?: string,
  ) {
    super(`${kind}: ${summary}${detail ? `\n${detail.slice(0, 3000)}` : ''}`);
    this.name = 'Finding';
  }
}

const env = process.env;
const envName = (name: string) => `FUZZ_CASES_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

/** True under `npm run fuzz` (or any FUZZ_RUNS / FUZZ_CASES_* setting): many cases, random seed. */
export const FUZZING = Boolean(env.FUZZ_RUNS) || Object.keys(env).some((k) => k.startsWith('FUZZ_CASES_'));
/** The jest-sized run is reproducible: the same cases every time. */
export const FIXED_SEED = 20260615;
export const SEED: number = env.FUZZ_SEED
  ? Number(env.FUZZ_SEED)
  : FUZZING
    ? Math.floor(Math.random() * 0x7fffffff)
    : FIXED_SEED;
export const SLOW_MS = Number(env.FUZZ_SLOW_MS ?? 10_000);
/** Time spent shrinking one failure before the smallest counterexample so far is kept. */
const SHRINK_BUDGET_MS = Number(env.FUZZ_SHRINK_MS ?? (FUZZING ? 120_000 : 60_000));
/** Jest timeout of one property: long when fuzzing. */
export const PROPERTY_TIMEOUT_MS = FUZZING ? 24 * 3600_000 : 120_000;

/** Cases for a property: FUZZ_CASES_<NAME>, else its share of FUZZ_RUNS, else the jest-sized count. */
export function casesFor(name: string, jestSized: number, share: number): number {
  const own = env[envName(name)];
  if (own) return Number(own);
  if (env.FUZZ_RUNS) return Math.max(1, Math.round(Number(env.FUZZ_RUNS) * share));
  return jestSized;
}

export interface FailureRecord {
  signature: string;
  /** Generated cases that failed with this signature (the first one was shrunk). */
  count: number;
  /** fast-check's report: seed, path, the shrunk counterexample and its error. */
  report: string;
  /** The shrunk case rendered for a reader (mutated text, file, pointer). */
  described: string;
  error: string;
  stack?: string;
}

export interface FuzzSummary {
  name: string;
  seed: number;
  cases: number;
  failingCases: number;
  failures: FailureRecord[];
  totalMs: number;
  slowestMs: number;
  slowestCase: string;
}

function signatureOf(error: unknown): string {
  const normalize = (s: string) =>
    s
      .split('\n')[0]
      .replace(/\/tmp\/[^\s'"`]+/g, '<tmp>')
      .replace(/\d+/g, '#')
      .slice(0, 160);
  if (error instanceof Finding) return `${error.kind}: ${normalize(error.summary)}`;
  return `throws: ${normalize(error instanceof Error ? `${error.name}: ${error.message}` : String(error))}`;
}

/** Runs of one character or a short unit (`aaaa...`, `x x x ...`) as `<"a" x 1000>`, then cut at n. */
export function compact(s: string, n: number): string {
  const short = s.replace(
    /([^]{1,4}?)\1{15,}/g,
    (run, unit: string) => `<${JSON.stringify(unit)} x ${run.length / unit.length}>`,
  );
  return short.length > n ? `${short.slice(0, n)}... (${short.length} chars)` : short;
}
const truncate = compact;

function writeState(file: string, data: unknown): void {
  const dir = env.FUZZ_STATE_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, file), JSON.stringify(data, null, 2));
}

/**
 * Runs `predicate` on `cases` generated values. A case fails by throwing (a `Finding` for a
 * broken property, anything else for an unexpected exception) or by taking over SLOW_MS.
 */
export async function runFuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void> | void,
  options: { cases: number; describe: (value: T) => string },
): Promise<FuzzSummary> {
  const summary: FuzzSummary = {
    name,
    seed: SEED,
    cases: 0,
    failingCases: 0,
    failures: [],
    totalMs: 0,
    slowestMs: 0,
    slowestCase: '',
  };
  const bySignature = new Map<string, FailureRecord>();
  const started = Date.now();
  /** What is known so far, for the runner should this process be killed. */
  const writePartial = () =>
    writeState(`${name}.summary.json`, {
      ...summary,
      cases: summary.cases + generated,
      failures: [...bySignature.values()],
      totalMs: Date.now() - started,
      partial: true,
    });
  let lastProgress = started;
  if (FUZZING) process.stderr.write(`[fuzz] ${name}: ${options.cases} cases, seed ${SEED}\n`);
  let remaining = options.cases;
  /** Cases generated in the current chunk (summary.cases counts the chunks before it). */
  let generated = 0;
  for (let chunk = 0; remaining > 0; chunk++) {
    let target: string | undefined;
    let targetError: unknown;
    let shrinkStarted = 0;
    generated = 0;
    const property = fc.asyncProperty(arbitrary, async (value) => {
      const shrinking = target !== undefined;
      if (shrinking && Date.now() - shrinkStarted > SHRINK_BUDGET_MS) return;
      if (!shrinking) {
        generated++;
        if (FUZZING && Date.now() - lastProgress > 60_000) {
          lastProgress = Date.now();
          process.stderr.write(
            `[fuzz] ${name}: ${summary.cases + generated}/${options.cases} cases, ` +
              `${summary.failingCases} failing, ${Math.round((Date.now() - started) / 1000)} s\n`,
          );
          writePartial();
        }
      }
      // The runner's watchdog reads this: the case being run, should it never finish.
      if (env.FUZZ_STATE_DIR)
        writeState(`${name}.current.json`, {
          name,
          seed: SEED + chunk,
          caseIndex: summary.cases + generated,
          phase: shrinking ? 'shrink' : 'generate',
          value: compact(fc.stringify(value), 20_000),
          described: compact(options.describe(value), 6000),
        });
      const t0 = performance.now();
      try {
        await predicate(value);
        const ms = performance.now() - t0;
        if (!shrinking && ms > summary.slowestMs) {
          summary.slowestMs = ms;
          summary.slowestCase = truncate(options.describe(value), 2000);
        }
        if (ms > SLOW_MS) throw new Finding('slow', `case took over ${SLOW_MS} ms`, `${Math.round(ms)} ms`);
      } catch (error) {
        const signature = signatureOf(error);
        if (shrinking) {
          if (signature !== target) return;
          targetError = error;
          throw error;
        }
        summary.failingCases++;
        const known = bySignature.get(signature);
        if (known) {
          known.count++;
          return;
        }
        target = signature;
        targetError = error;
        shrinkStarted = Date.now();
        throw error;
      }
    });
    const details = await fc.check(property, { numRuns: remaining, seed: SEED + chunk });
    summary.cases += details.numRuns;
    remaining -= details.numRuns;
    generated = 0;
    if (!details.failed) break;
    if (target === undefined) {
      // fast-check itself failed (e.g. the arbitrary threw): report it and stop.
      bySignature.set(`harness: ${String(details.errorInstance)}`, {
        signature: `harness: ${String(details.errorInstance)}`,
        count: 1,
        report: truncate(fc.defaultReportMessage(details) ?? '', 6000),
        described: '',
        error: String(details.errorInstance),
      });
      break;
    }
    const counterexample = details.counterexample?.[0] as T;
    const error = targetError instanceof Error ? targetError : new Error(String(targetError));
    bySignature.set(target, {
      signature: target,
      count: 1,
      report: truncate(fc.defaultReportMessage(details) ?? '', 6000),
      described: truncate(options.describe(counterexample), 6000),
      error: truncate(error.message, 3000),
      stack: error instanceof Finding ? undefined : truncate(error.stack ?? '', 3000),
    });
    writePartial();
  }
  summary.failures = [...bySignature.values()];
  summary.totalMs = Date.now() - started;
  writeState(`${name}.summary.json`, summary);
  if (FUZZING)
    process.stderr.write(
      `[fuzz] ${name}: ${summary.cases} cases in ${summary.totalMs} ms, ${summary.failingCases} failing, ` +
        `${summary.failures.length} distinct; slowest case ${Math.round(summary.slowestMs)} ms\n`,
    );
  return summary;
}

/** The failures as one text, for a failing test. */
export function formatFailures(summary: FuzzSummary): string {
  return summary.failures
    .map(
      (f, i) =>
        `#${i + 1} ${f.signature} (${f.count} failing case(s))\n${f.report}\n--- case ---\n${f.described}` +
        (f.stack ? `\n--- stack ---\n${f.stack}` : ''),
    )
    .join('\n\n');
}

/** Fails the test with every distinct failure, shrunk. */
export function expectNoFailures(summary: FuzzSummary): void {
  if (summary.failures.length)
    throw new Error(
      `${summary.name}: ${summary.failingCases} of ${summary.cases} cases failed (seed ${summary.seed})\n\n` +
        formatFailures(summary),
    );
}
