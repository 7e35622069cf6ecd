// Runs two commands in turn (A B A B ...), so drift in machine speed hits both alike, and
// reports medians, the median of the pairwise ratios A/B, and peak memory of Node commands.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const probe = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-probe.cjs');

function once(command) {
  const [file, ...args] = command.argv;
  const started = process.hrtime.bigint();
  const run = spawnSync(file, args, {
    cwd: command.cwd,
    env: { ...process.env, ...command.env, NODE_OPTIONS: `--require ${probe}` },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.error) throw run.error;
  if (command.expectStatus !== undefined && run.status !== command.expectStatus) {
    throw new Error(`${command.name} exited ${run.status}, expected ${command.expectStatus}:\n${run.stderr}`);
  }
  const rssKb =
    Number(
      String(run.output[3] ?? '')
        .trim()
        .split('\n')
        .pop(),
    ) || undefined;
  return { ms, rssKb };
}

export const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * @param {{ name: string, argv: string[], cwd?: string, env?: object, expectStatus?: number }} a
 * @param {{ name: string, argv: string[], cwd?: string, env?: object, expectStatus?: number }} b the baseline
 */
export function compare(a, b, { runs = 7, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) {
    once(a);
    once(b);
  }
  const ra = [];
  const rb = [];
  for (let i = 0; i < runs; i++) {
    ra.push(once(a));
    rb.push(once(b));
  }
  const ratios = ra.map((r, i) => r.ms / rb[i].ms);
  const summary = (name, rs) => ({
    name,
    medianMs: Math.round(median(rs.map((r) => r.ms))),
    minMs: Math.round(Math.min(...rs.map((r) => r.ms))),
    maxMs: Math.round(Math.max(...rs.map((r) => r.ms))),
    peakMiB: rs[0].rssKb ? +(Math.max(...rs.map((r) => r.rssKb)) / 1024).toFixed(1) : undefined,
  });
  return { a: summary(a.name, ra), b: summary(b.name, rb), ratio: +median(ratios).toFixed(2), runs };
}

export function printComparison(title, result, target) {
  const row = (s) => {
    const median = String(s.medianMs).padStart(6);
    const peak = s.peakMiB ? `  peak ${s.peakMiB} MiB` : '';
    return `  ${s.name.padEnd(34)} median ${median} ms  (min ${s.minMs}, max ${s.maxMs})${peak}`;
  };
  console.log(`${title} (${result.runs} runs each, alternating)`);
  console.log(row(result.a));
  console.log(row(result.b));
  console.log(
    `  ratio ${result.a.name} / ${result.b.name}: median ${result.ratio}x${target ? `  (target < ${target}x)` : ''}`,
  );
}
