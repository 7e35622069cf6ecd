#!/usr/bin/env node
// The real-world corpus: runs `inspect`, `scaffold` and a scaffold-then-check on every project of
// tools/corpus/repos.json and scores the results against the hand-checked tools/corpus/facts.json.
//
//   CORPUS_DIR=/path/to/snapshots npm run corpus [-- --verbose] [-- <repo filter>]
//
// Each repository is expected unpacked at $CORPUS_DIR/<owner>+<name>, at the commit repos.json
// pins. Nothing here is run in CI (the snapshots are not in the repository); the numbers go in
// the closing note of whoever changes inspection, scaffold or the code policies.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { evaluateFacts, isNegative } from './score.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const workspace = path.resolve(here, '../..');
const bin = path.join(workspace, 'packages/cli/bin/deploy-plan.js');
const core = createRequire(import.meta.url)(path.join(workspace, 'packages/core'));
const TIMEOUT_MS = 60_000;

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filter = args.find((a) => !a.startsWith('--'));
const corpusDir = process.env.CORPUS_DIR;
if (!corpusDir) {
  console.error('Set CORPUS_DIR to the folder holding the snapshots (<owner>+<name> each, at the pinned commits).');
  process.exit(2);
}

const repos = JSON.parse(fs.readFileSync(path.join(here, 'repos.json'), 'utf8'));
const facts = JSON.parse(fs.readFileSync(path.join(here, 'facts.json'), 'utf8'));

function run(argv, cwd) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...argv], {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 256 << 20,
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const hung = r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM';
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms, hung };
}

/** A crash: exit 2 or an internal error, or any `code/inspection-failed` finding. */
function crashOf(result, json) {
  if (result.hung) return 'hung (over 60 s)';
  if (result.status === 2 || /internal error/i.test(result.stderr))
    return result.stderr.split('\n')[0] || `exit ${result.status}`;
  const failures = json?.failures ?? [];
  if (failures.length) return `${failures.length} file(s) failed: ${failures[0].file}: ${failures[0].message}`;
  return undefined;
}

/** Scaffolds a plan into the project folder, checks it, and lists what the code policies said. */
function selfCheck(dir, root, plan) {
  const file = path.join(dir, 'deploy-plan.yaml');
  if (fs.existsSync(file)) return { skipped: 'the project already has a plan' };
  fs.writeFileSync(file, plan);
  try {
    const r = run(['check', file, '--root', root, '--format', 'json', '--no-cache'], root);
    if (r.hung) return { crash: 'check hung (over 60 s)' };
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      return { crash: r.stderr.split('\n')[0] || `check exit ${r.status}` };
    }
    const diagnostics = report.results?.flatMap((p) => p.diagnostics) ?? report.diagnostics ?? [];
    const schema = diagnostics.filter((d) => d.ruleId.startsWith('plan/'));
    const code = diagnostics.filter((d) => d.ruleId.startsWith('code/'));
    // One finding per question: the placeholders, each once, in file order, and nothing else.
    const questions = core.findScaffoldPlaceholders(core.parseYaml(plan).value).map((q) => q.pointer);
    const asked = diagnostics.filter((d) => d.ruleId === 'completeness/no-placeholders').map((d) => d.pointer);
    const others = diagnostics.filter((d) => d.ruleId !== 'completeness/no-placeholders');
    const oncePerQuestion = JSON.stringify(asked) === JSON.stringify(questions) && !others.length;
    return { schema, code, others, questions: questions.length, oncePerQuestion, ms: r.ms };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const rows = [];
const totals = {
  projects: 0,
  crashes: 0,
  hangs: 0,
  facts: 0,
  met: 0,
  negatives: 0,
  negativesViolated: 0,
  selfFindings: 0,
  oncePerQuestion: 0,
};
for (const entry of repos) {
  if (filter && !`${entry.repo}/${entry.project}`.includes(filter)) continue;
  const repoDir = path.join(corpusDir, entry.repo.replace('/', '+'));
  const dir = path.join(repoDir, entry.project);
  const root = path.join(repoDir, entry.root ?? '.');
  const label = `${entry.repo}${entry.project === '.' ? '' : `/${entry.project}`}`;
  if (!fs.existsSync(dir)) {
    console.log(`${label}: missing; unpack ${entry.repo} at ${entry.commit} into ${repoDir}`);
    continue;
  }
  totals.projects++;
  const inspect = run(['inspect', dir, '--root', root, '--format', 'json', '--no-cache'], root);
  let json;
  try {
    json = JSON.parse(inspect.stdout);
  } catch {
    json = undefined;
  }
  const scaffold = run(['scaffold', dir, '--root', root, '--dry-run', '--no-cache'], root);
  const crashes = [crashOf(inspect, json), crashOf(scaffold)].filter(Boolean);
  if (inspect.hung || scaffold.hung) totals.hangs++;
  const self = !scaffold.status && !scaffold.hung ? selfCheck(dir, root, scaffold.stdout) : { crash: 'no scaffold' };
  if (self.crash) crashes.push(self.crash);
  totals.crashes += crashes.length;

  const mine = facts.filter((f) => f.repo === entry.repo && f.project === entry.project);
  const scored = json
    ? evaluateFacts(mine, json, path.relative(root, repoDir))
    : mine.map((fact) => ({ fact, met: false, seen: 'no inspect output' }));
  const met = scored.filter((s) => s.met).length;
  const negatives = scored.filter((s) => isNegative(s.fact));
  const violated = negatives.filter((s) => !s.met).length;
  totals.facts += scored.length;
  totals.met += met;
  totals.negatives += negatives.length;
  totals.negativesViolated += violated;
  totals.selfFindings += self.code?.length ?? 0;
  if (self.oncePerQuestion) totals.oncePerQuestion++;
  rows.push({
    label,
    inspectMs: inspect.ms,
    scaffoldMs: scaffold.ms,
    files: json?.sources?.length ?? 0,
    crashes,
    met,
    total: scored.length,
    violated,
    negatives: negatives.length,
    self,
  });

  const selfText = self.skipped
    ? `self-check skipped (${self.skipped})`
    : self.crash
      ? 'self-check failed'
      : `self-check: ${self.questions} questions, ${self.others.length} other finding(s)` +
        ` (${self.code.length} code, ${self.schema.length} schema)`;
  const inspected = `${Math.round(inspect.ms)} ms inspect (${json?.sources?.length ?? 0} files)`;
  const timing = `${inspected}, ${Math.round(scaffold.ms)} ms scaffold`;
  const results = `facts ${met}/${scored.length}; negatives violated ${violated}/${negatives.length}`;
  console.log(`${label}: ${timing}; crashes ${crashes.length}; ${results}; ${selfText}`);
  for (const crash of crashes) console.log(`  crash: ${crash}`);
  if (verbose) {
    for (const s of scored.filter((x) => !x.met)) console.log(`  unmet ${describe(s.fact)}: ${s.seen}`);
    for (const d of self.code ?? []) console.log(`  self: ${d.ruleId} ${d.file}:${d.line} ${d.message}`);
    for (const d of self.schema ?? []) console.log(`  schema: ${d.file}:${d.line} ${d.message}`);
    for (const d of (self.others ?? []).filter((o) => !/^(code|plan)\//.test(o.ruleId)))
      console.log(`  other: ${d.ruleId} ${d.file}:${d.line} ${d.message}`);
  }
}

function describe(f) {
  const what = f.kind === 'route' || f.kind === 'health' ? `${f.method} ${f.path}` : f.kind === 'flag' ? f.key : f.name;
  const notes = [f.expect === 'absent' ? ' (absent)' : '', f.check ? ` ${f.check}` : '', f.guard ? ` ${f.guard}` : ''];
  return `${f.kind} ${what}${notes.join('')} [${f.file}:${f.line}]`;
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const metText = `${totals.met}/${totals.facts} (${pct(totals.met, totals.facts)})`;
const violatedPct = pct(totals.negativesViolated, totals.negatives);
const violatedText = `${totals.negativesViolated}/${totals.negatives} (${violatedPct})`;
console.log(
  `\n${totals.projects} projects: ${totals.crashes} crashes, ${totals.hangs} hangs; facts met ${metText}; ` +
    `negatives violated ${violatedText}; code findings after scaffold: ${totals.selfFindings}; ` +
    `first check exactly one finding per question: ${totals.oncePerQuestion}/${totals.projects}`,
);
process.exitCode = totals.crashes || totals.hangs ? 1 : 0;
