import { CHECKLIST, isAtLeast, type Diagnostic, type Severity } from '@deploy-plan/core';
import { countDiagnostics, plural } from './counts';
import { freeText, guardLines, oneLine } from './escape';
import { groupByPlan } from './plans';
import type { FormatInput, FormattedPlan, Formatter } from './types';

/** Text for HTML: escaped, control characters written as escapes (see escape.ts). */
const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const name = (s: string) => esc(oneLine(s));
const text = (s: string) => esc(freeText(s));
/** A stable fragment id for a rule or a plan. */
const anchor = (prefix: string, s: string) => `${prefix}-${s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`)}`;

/** A checklist cell: the worst open finding, else suppressed only, else passed or not checked. */
type CellState = Severity | 'suppressed' | 'passed' | 'unchecked';

const CELL_TEXT: Record<CellState, string> = {
  critical: '✖',
  important: '!',
  minor: '·',
  suppressed: 'S',
  passed: '✓',
  unchecked: '–',
};

const CELL_WORD: Record<CellState, string> = {
  critical: 'critical finding',
  important: 'important finding',
  minor: 'minor finding',
  suppressed: 'suppressed findings only',
  passed: 'passed',
  unchecked: 'not checked',
};

const STYLE = `
:root{color-scheme:light;--c:#a4161a;--i:#8a4b00;--m:#1d4e89;--ok:#1b6b3a;--s:#5c5c5c;--line:#d0d4d9}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#fff}
header,main{padding:0 24px}header{border-bottom:1px solid var(--line);padding-bottom:8px}
h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 4px}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
table{border-collapse:collapse}th,td{border:1px solid var(--line);padding:4px 6px;text-align:left}
thead th{background:#f3f4f6;position:sticky;top:0}td.n{text-align:right;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
.cell{text-align:center;font-weight:700;min-width:22px}
.st-critical{background:#fde2e1;color:var(--c)}.st-important{background:#fff0d6;color:var(--i)}
.st-minor{background:#e3edf9;color:var(--m)}.st-suppressed{background:#ececec;color:var(--s)}
.st-passed{background:#e2f4e8;color:var(--ok)}.st-unchecked{color:var(--s)}
.level{font-weight:600}.level-gold{color:#7a5a00}.level-silver{color:#4a4f55}.level-bronze{color:#7b3f12}
.level-none{color:var(--c)}
.filters{display:flex;gap:16px;align-items:center;margin:8px 0}
.finding{border-left:4px solid var(--line);padding:2px 10px;margin:8px 0}
.finding.critical{border-color:var(--c)}.finding.important{border-color:var(--i)}.finding.minor{border-color:var(--m)}
.finding.is-suppressed{opacity:.85;border-style:dashed}
.sev{font-weight:700;text-transform:uppercase;font-size:12px}
pre{background:#f6f8fa;padding:6px 8px;overflow:auto;margin:4px 0}pre .hit{background:#fff3b0;display:block}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
a{color:#0b57b0}
`;

/** Sorting and filtering the projects table, in plain DOM (the page works without it too). */
const SCRIPT = `
(function(){
var table=document.getElementById('projects');var body=table.tBodies[0];
var rows=Array.prototype.slice.call(body.rows);var filter=document.getElementById('filter');
var level=document.getElementById('level');
function apply(){var q=filter.value.toLowerCase();var l=level.value;rows.forEach(function(r){
var show=r.dataset.project.toLowerCase().indexOf(q)>=0&&(!l||r.dataset.readiness===l);r.hidden=!show;});}
filter.addEventListener('input',apply);level.addEventListener('change',apply);
var dir={};Array.prototype.forEach.call(table.querySelectorAll('th button[data-key]'),function(b){
b.addEventListener('click',function(){var k=b.dataset.key;dir[k]=-(dir[k]||-1);
rows.sort(function(x,y){var a=x.dataset[k],c=y.dataset[k];var n=Number(a)-Number(c);
return dir[k]*(isNaN(n)?a.localeCompare(c):n);});rows.forEach(function(r){body.appendChild(r);});
Array.prototype.forEach.call(table.querySelectorAll('th[aria-sort]'),function(th){th.removeAttribute('aria-sort');});
b.parentNode.setAttribute('aria-sort',dir[k]>0?'ascending':'descending');});});
})();
`;

/** `critical-4` as `C4`, `step-1` as `S1`: checklist columns stay narrow; the title says the rest. */
const shortId = (id: string) => esc(id.replace(/^(\w)\w*-(\d+)$/, (_, c: string, n: string) => c.toUpperCase() + n));

const RANK: Record<Severity, number> = { critical: 3, important: 2, minor: 1 };

/** Each checklist item's state for one plan, from its findings and the rules' checklist items. */
function checklistStates(plan: FormattedPlan, found: readonly Diagnostic[], input: FormatInput): CellState[] {
  const itemsOf = new Map((input.rules ?? []).map((r) => [r.id, r.checklist ?? []]));
  const enabled = plan.policies ? new Set(plan.policies) : undefined;
  return CHECKLIST.map((item) => {
    if (plan.checked === false) return 'unchecked';
    const ruled = [...itemsOf].filter(([id, items]) => items.includes(item.id) && (!enabled || enabled.has(id)));
    if (!ruled.length) return 'unchecked';
    const mine = found.filter((d) => itemsOf.get(d.ruleId)?.includes(item.id));
    const open = mine.filter((d) => !d.suppressed);
    if (open.length) return open.reduce<Severity>((w, d) => (RANK[d.severity] > RANK[w] ? d.severity : w), 'minor');
    return mine.some((d) => d.suppressed?.kind === 'baseline') ? 'suppressed' : 'passed';
  });
}

function projectRow(plan: FormattedPlan, index: number, found: readonly Diagnostic[], input: FormatInput): string {
  const c = countDiagnostics(found);
  const data = [
    `data-project="${name(plan.project)}"`,
    `data-readiness="${plan.readiness}"`,
    `data-critical="${c.critical}"`,
    `data-important="${c.important}"`,
    `data-minor="${c.minor}"`,
    `data-suppressed="${c.suppressed}"`,
    `data-level="${['none', 'bronze', 'silver', 'gold'].indexOf(plan.readiness)}"`,
  ].join(' ');
  const cells = checklistStates(plan, found, input).map(
    (state, i) =>
      `<td class="cell st-${state}" title="${esc(CHECKLIST[i].id)}: ${CELL_WORD[state]}">` +
      `<span aria-hidden="true">${CELL_TEXT[state]}</span><span class="vh">${CELL_WORD[state]}</span></td>`,
  );
  return [
    `<tr ${data}>`,
    `<th scope="row"><a href="#${anchor('plan', String(index))}">${name(plan.project)}</a></th>`,
    `<td class="level level-${plan.readiness}">${plan.readiness === 'none' ? 'not ready' : plan.readiness}</td>`,
    `<td class="n">${c.critical}</td><td class="n">${c.important}</td><td class="n">${c.minor}</td>`,
    `<td class="n">${c.suppressed}</td><td class="n">${c.waived}</td>`,
    ...cells,
    '</tr>',
  ].join('');
}

/** The lines around a finding, numbered, its own line marked; nothing when the source is not at hand. */
function excerpt(d: Diagnostic, input: FormatInput): string {
  const lines = input.sources?.[d.file];
  if (!lines || d.line < 1 || d.line > lines.length) return '';
  const from = Math.max(1, d.line - 2);
  const to = Math.min(lines.length, d.line + 2);
  const width = String(to).length;
  const rows: string[] = [];
  for (let n = from; n <= to; n++) {
    const row = `${String(n).padStart(width)} | ${esc(oneLine(lines[n - 1].slice(0, 200)))}`;
    rows.push(n === d.line ? `<span class="hit">${row}</span>` : `${row}\n`);
  }
  return `<pre aria-label="${name(d.file)} around line ${d.line}"><code>${rows.join('')}</code></pre>`;
}

function finding(d: Diagnostic, input: FormatInput): string {
  const state = d.suppressed?.kind === 'waiver' ? 'waived' : d.suppressed ? 'suppressed' : '';
  const where = `${d.file}:${d.line}:${d.column}`;
  return [
    `<article class="finding ${d.severity}${state ? ' is-suppressed' : ''}">`,
    `<p><span class="sev">${d.severity}${state ? ` · ${state}` : ''}</span> <code>${name(where)}</code> `,
    `${text(d.message)} <a href="#${anchor('rule', d.ruleId)}">${name(d.ruleId)}</a></p>`,
    d.hint ? `<p>${text(d.hint)}</p>` : '',
    excerpt(d, input),
    '</article>',
  ].join('');
}

function ruleSection(id: string, input: FormatInput): string {
  const rule = input.rules?.find((r) => r.id === id);
  const items = (rule?.checklist ?? []).map((c) => CHECKLIST.find((i) => i.id === c)).filter(Boolean);
  return [
    `<section id="${anchor('rule', id)}" aria-labelledby="${anchor('rule', id)}-h">`,
    `<h3 id="${anchor('rule', id)}-h"><code>${name(id)}</code></h3>`,
    rule ? `<p>${text(rule.description)}.</p>` : '',
    rule?.rationale ? `<p>${text(rule.rationale)}</p>` : '',
    items.length ? `<p>Checklist: ${items.map((i) => `${esc(i!.id)} (${text(i!.text)})`).join('; ')}.</p>` : '',
    rule?.docsUrl ? `<p><a href="${esc(rule.docsUrl)}">Documentation page</a></p>` : '',
    `<p>Run <code>deploy-plan explain ${name(id)}</code> for its options and examples.</p>`,
    '</section>',
  ].join('');
}

/**
 * A readiness page: one self-contained HTML file (no network, fonts or external scripts) with a
 * row per project (readiness, counts, suppressed count), the checklist's items coloured by the
 * worst finding on each, and every finding with its plan or code excerpt and its policy's help.
 */
export const html: Formatter = (input) => {
  const { byFile } = groupByPlan(input.plans, input.diagnostics);
  const counts = countDiagnostics(input.diagnostics);
  const levels = ['gold', 'silver', 'bronze', 'none'].map(
    (l) => `${input.plans.filter((p) => p.readiness === l).length} ${l === 'none' ? 'not ready' : l}`,
  );
  const failing = input.diagnostics.filter((d) => !d.suppressed && isAtLeast(d.severity, input.failOn)).length;
  const head = [
    '<th scope="col"><button type="button" data-key="project">Project</button></th>',
    '<th scope="col"><button type="button" data-key="level">Readiness</button></th>',
    ...['critical', 'important', 'minor', 'suppressed'].map(
      (k) => `<th scope="col"><button type="button" data-key="${k}">${k[0].toUpperCase()}${k.slice(1)}</button></th>`,
    ),
    '<th scope="col">Waived</th>',
    ...CHECKLIST.map(
      (i) =>
        `<th scope="col" title="${esc(i.id)}. ${esc(i.section)}: ${esc(i.text)}"><abbr>${shortId(i.id)}</abbr></th>`,
    ),
  ];
  const rows = input.plans.map((plan, i) => projectRow(plan, i, byFile.get(plan.file) ?? [], input));
  const sections = input.plans.flatMap((plan, i) => {
    const found = byFile.get(plan.file) ?? [];
    if (!found.length) return [];
    return [
      `<section id="${anchor('plan', String(i))}" aria-labelledby="${anchor('plan', String(i))}-h">`,
      `<h3 id="${anchor('plan', String(i))}-h">${name(plan.project)} <small>${name(plan.file)}</small></h3>`,
      ...found.map((d) => finding(d, input)),
      '</section>',
    ];
  });
  const ruleIds = [...new Set([...(input.configDiagnostics ?? []), ...input.diagnostics].map((d) => d.ruleId))].sort();
  const config = (input.configDiagnostics ?? []).map((d) => finding(d, input));
  const page = [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>deploy-plan: deployment readiness</title>',
    `<style>${STYLE}</style></head>`,
    '<body><header><h1>Deployment readiness</h1>',
    `<p>${plural(input.plans.length, 'plan')}: ${levels.join(', ')}. `,
    `${plural(failing, 'finding')} at ${input.failOn} or above fail the check; `,
    `${counts.suppressed} suppressed${input.suppressions ? ` in <code>${name(input.suppressions.file)}</code>` : ''}, `,
    `${counts.waived} waived.</p></header>`,
    '<main><h2 id="projects-h">Projects</h2>',
    '<div class="filters"><label>Project <input type="search" id="filter"></label>',
    '<label>Readiness <select id="level"><option value="">any</option><option value="gold">gold</option>',
    '<option value="silver">silver</option><option value="bronze">bronze</option>',
    '<option value="none">not ready</option></select></label></div>',
    '<table id="projects" aria-labelledby="projects-h">',
    `<thead><tr>${head.join('')}</tr></thead>`,
    `<tbody>${rows.join('\n')}</tbody></table>`,
    '<p>Checklist columns: S steps, C critical, I important, M minor items (hover for each). Cells: ✖ critical, ',
    '! important, · minor finding; S suppressed only; ✓ passed; – not checked.</p>',
    config.length ? `<h2>Config</h2>${config.join('')}` : '',
    sections.length ? `<h2>Findings</h2>${sections.join('\n')}` : '',
    ruleIds.length ? `<h2>Policies</h2>${ruleIds.map((id) => ruleSection(id, input)).join('\n')}` : '',
    `</main><script>${SCRIPT}</script></body></html>`,
    '',
  ].join('\n');
  return guardLines(page, '&#58;');
};
