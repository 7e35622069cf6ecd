#!/usr/bin/env node
// `npm run fuzz`: the fuzz properties of tools/fuzz/*.spec.ts with many more cases than the
// jest-sized run. Each property is split into shards, run as separate jest processes (FUZZ_JOBS
// at a time) with their own seed; a shard whose current case makes no progress for FUZZ_HANG_S
// seconds is killed, reported as a hang with that case, and the rest of its cases run again
// under a new seed. At the end: cases and failures per property, and every distinct failure with
// its shrunk counterexample.
//
//   FUZZ_RUNS=100000       plan + config cases in all (70% plans, 20% configs, 10% project globs)
//   FUZZ_SOURCE_RUNS=n     source-file cases (default 2% of FUZZ_RUNS)
//   FUZZ_SEED=n            base seed (default random, printed)
//   FUZZ_JOBS=n            parallel jest processes (default: CPUs, at most 4)
//   FUZZ_HANG_S=300        a case running this long is a hang
//   FUZZ_OUT=dir           where logs and summary.json go (default: a new temp folder)
//   FUZZ_ONLY=plans,...    run only these properties
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest');
const env = process.env;

const runs = Number(env.FUZZ_RUNS ?? 100_000);
const sourceRuns = Number(env.FUZZ_SOURCE_RUNS ?? Math.round(runs * 0.02));
const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : Math.floor(Math.random() * 0x7fffffff);
const jobs = Math.max(1, Number(env.FUZZ_JOBS ?? Math.min(4, os.availableParallelism?.() ?? os.cpus().length)));
const hangMs = Number(env.FUZZ_HANG_S ?? 300) * 1000;
const out = env.FUZZ_OUT ?? fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-plan-fuzz-'));
const only = env.FUZZ_ONLY ? new Set(env.FUZZ_ONLY.split(',')) : undefined;
const MAX_HANGS = 3;

const properties = [
  { name: 'plans', file: 'tools/fuzz/plans.spec.ts', cases: Math.round(runs * 0.7) },
  { name: 'configs', file: 'tools/fuzz/configs.spec.ts', cases: Math.round(runs * 0.2) },
  {
    name: 'config-globs',
    file: 'tools/fuzz/config-globs.spec.ts',
    cases: runs - Math.round(runs * 0.7) - Math.round(runs * 0.2),
  },
  { name: 'sources', file: 'tools/fuzz/sources.spec.ts', cases: sourceRuns },
].filter((p) => p.cases > 0 && (!only || only.has(p.name)));

const envName = (name) => `FUZZ_CASES_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};

fs.mkdirSync(out, { recursive: true });
console.log(
  `deploy-plan fuzz: ${runs} plan/config cases + ${sourceRuns} source cases, seed ${seed}, ` +
    `${jobs} job(s), hang after ${hangMs / 1000} s; output in ${out}`,
);

/** Shards: each property split in `jobs` parts, each with its own seed. */
const queue = [];
let shardCount = 0;
for (const p of properties) {
  const parts = Math.min(jobs, p.cases);
  for (let i = 0; i < parts; i++) {
    const cases = Math.floor(p.cases / parts) + (i < p.cases % parts ? 1 : 0);
    queue.push({ property: p, cases, seed: (seed + 1_000_003 * shardCount++) % 0x7fffffff });
  }
}

const results = new Map(properties.map((p) => [p.name, { shards: [], hangs: [], crashes: [] }]));

/** Why a jest process died: its signal or exit code and the first fatal line of its log. */
function crashReason(stateDir, code, signal) {
  let fatal = '';
  try {
    const text = fs.readFileSync(path.join(stateDir, 'jest.log'), 'utf8');
    fatal = /^(FATAL ERROR: .*|Segmentation fault.*|.*heap out of memory.*)$/m.exec(text)?.[1] ?? '';
  } catch {
    // no log
  }
  return `${signal ? `signal ${signal}` : `exit ${code}`}${fatal ? `: ${fatal.trim()}` : ''}`;
}
const started = Date.now();

function runShard(shard) {
  const id = `${shard.property.name}-${shardCount++}`;
  const stateDir = path.join(out, id);
  fs.mkdirSync(stateDir, { recursive: true });
  const log = fs.openSync(path.join(stateDir, 'jest.log'), 'w');
  const child = spawn(
    process.execPath,
    [jestBin, shard.property.file, '--runInBand', '--testTimeout=86400000', '--colors=false'],
    {
      cwd: repo,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...env,
        FUZZ_RUNS: '',
        [envName(shard.property.name)]: String(shard.cases),
        FUZZ_SEED: String(shard.seed),
        FUZZ_STATE_DIR: stateDir,
      },
    },
  );
  console.log(`[run] ${id}: ${shard.cases} cases, seed ${shard.seed}`);
  const current = path.join(stateDir, `${shard.property.name}.current.json`);
  const summaryFile = path.join(stateDir, `${shard.property.name}.summary.json`);
  const shardStart = Date.now();
  return new Promise((resolve) => {
    let hung;
    const watchdog = setInterval(() => {
      let last = shardStart;
      try {
        last = fs.statSync(current).mtimeMs;
      } catch {
        // not started yet
      }
      if (Date.now() - last > hangMs) {
        hung = readJson(current) ?? { caseIndex: 0, value: '(jest did not start a case)' };
        clearInterval(watchdog);
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }, 2000);
    child.on('exit', (code, signal) => {
      clearInterval(watchdog);
      fs.closeSync(log);
      const result = results.get(shard.property.name);
      const written = readJson(summaryFile);
      // A summary is final only when jest got to the end; `partial` ones are written on the way.
      const summary = written && !written.partial ? written : undefined;
      // A process that dies on its own (out of memory, a native crash) is as much a finding as a
      // hang: it names the case it was running, and the rest of the shard runs again.
      const crashed =
        !hung && !summary ? (readJson(current) ?? { caseIndex: 0, value: '(no case started)' }) : undefined;
      const stopped = hung ?? crashed;
      if (stopped) {
        const done = Math.max(0, (stopped.caseIndex ?? 1) - 1);
        const cases = Math.max(written?.cases ?? 0, done);
        result.shards.push({
          ...written,
          id,
          code,
          cases,
          failingCases: written?.failingCases ?? 0,
          failures: written?.failures ?? [],
          slowestMs: written?.slowestMs ?? 0,
        });
        const list = hung ? result.hangs : result.crashes;
        list.push({
          id,
          seed: shard.seed,
          ...stopped,
          ...(crashed ? { reason: crashReason(stateDir, code, signal) } : {}),
        });
        console.log(
          `[run] ${id}: ${hung ? 'HANG' : `CRASH (${crashReason(stateDir, code, signal)})`} at case ` +
            `${stopped.caseIndex} (${stopped.phase ?? 'generate'}); see ${stateDir}`,
        );
        const remaining = shard.cases - cases - 1;
        if (remaining > 0 && result.hangs.length + result.crashes.length < MAX_HANGS)
          queue.push({ property: shard.property, cases: remaining, seed: (shard.seed + 7919) % 0x7fffffff });
      } else {
        result.shards.push({ id, code, ...summary });
        console.log(
          `[run] ${id}: ${summary.cases} cases in ${Math.round(summary.totalMs / 1000)} s, ` +
            `${summary.failingCases} failing (${summary.failures.length} distinct)`,
        );
      }
      resolve();
    });
  });
}

async function worker() {
  while (queue.length) await runShard(queue.shift());
}
await Promise.all(Array.from({ length: jobs }, worker));

// Report.
const report = [];
let totalFailures = 0;
const line = (s = '') => report.push(s);
line(`\n=== deploy-plan fuzz: seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s ===`);
line('property       cases   failing  distinct  hangs  crashes  slowest case');
const distinctAll = [];
for (const p of properties) {
  const r = results.get(p.name);
  const stopped = r.hangs.length + r.crashes.length;
  const cases = r.shards.reduce((n, s) => n + (s.cases ?? 0), 0) + stopped;
  const failing = r.shards.reduce((n, s) => n + (s.failingCases ?? 0), 0) + stopped;
  const distinct = new Map();
  for (const s of r.shards)
    for (const f of s.failures ?? []) {
      const known = distinct.get(f.signature);
      if (known) known.count += f.count;
      else distinct.set(f.signature, { ...f, shard: s.id, seed: s.seed });
    }
  const slowest = Math.max(0, ...r.shards.map((s) => s.slowestMs ?? 0));
  totalFailures += failing;
  line(
    `${p.name.padEnd(13)} ${String(cases).padStart(6)}  ${String(failing).padStart(8)}  ` +
      `${String(distinct.size).padStart(8)}  ${String(r.hangs.length).padStart(5)}  ` +
      `${String(r.crashes.length).padStart(7)}  ${Math.round(slowest)} ms`,
  );
  for (const f of distinct.values()) distinctAll.push({ property: p.name, ...f });
  for (const h of [...r.hangs, ...r.crashes])
    distinctAll.push({
      property: p.name,
      signature: h.reason ? `crash: ${h.reason}` : `hang: no progress for ${hangMs / 1000} s`,
      count: 1,
      shard: h.id,
      seed: h.seed,
      report: `case ${h.caseIndex} (${h.phase ?? 'generate'}) of shard ${h.id}, seed ${h.seed}: ${h.value}`,
      described: h.described ?? h.value,
    });
}
line(`total failing cases: ${totalFailures}`);
for (const [i, f] of distinctAll.entries()) {
  line(`\n--- failure ${i + 1} [${f.property}] ${f.signature} (${f.count} case(s); shard ${f.shard}) ---`);
  line(f.report);
  if (f.described) line(`case:\n${String(f.described).slice(0, 4000)}`);
  if (f.stack) line(`stack:\n${f.stack}`);
}
const text = report.join('\n');
console.log(text);
fs.writeFileSync(path.join(out, 'report.txt'), text);
fs.writeFileSync(
  path.join(out, 'summary.json'),
  JSON.stringify({ seed, runs, sourceRuns, results: Object.fromEntries(results) }, null, 2),
);
console.log(`\nsummary: ${path.join(out, 'summary.json')}`);
process.exitCode = totalFailures ? 1 : 0;
