/// <reference lib="dom" />
// The readiness page in a real browser: the system's Chromium (Debian's `chromium` package,
// which .ci/run installs), driven by playwright-core with no browser download. The page renders,
// is not blank, shows the JSON report's counts, sorts and filters, loads nothing from outside,
// and passes axe-core's accessibility rules.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from './testing';

const repo = path.resolve(__dirname, '../../..');
const browserPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && fs.existsSync(p)),
);
// CI (.ci/run sets DEPLOY_PLAN_E2E_INSTALLED) must have the browser; elsewhere the suite says why it skips.
if (!browserPath && process.env.DEPLOY_PLAN_E2E_INSTALLED)
  throw new Error("No Chromium found: install Debian's `chromium` (apt-get install chromium) or set CHROMIUM_PATH.");
const describeWithBrowser = browserPath ? describe : describe.skip;
if (!browserPath) console.warn('html-page.spec: no Chromium at /usr/bin/chromium (or CHROMIUM_PATH); skipped.');

interface JsonReport {
  plans: { project: string; readiness: string; counts: Record<string, number> }[];
  summary: Record<string, number>;
}

describeWithBrowser('the readiness page (check --format html=<file>) in Chromium', () => {
  let ws: string;
  let browser: Browser;
  let page: Page;
  let report: JsonReport;
  const requests: string[] = [];

  beforeAll(async () => {
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-html-'));
    fs.writeFileSync(path.join(ws, 'nx.json'), '{}');
    for (const name of ['orders-api', 'invoice-worker', 'billing-db', 'storefront-web'])
      fs.cpSync(path.join(repo, 'examples', name), path.join(ws, 'apps', name), { recursive: true });
    const plan = path.join(ws, 'apps/orders-api/deploy-plan.yaml');
    const text = fs.readFileSync(plan, 'utf8');
    fs.writeFileSync(
      plan,
      text.replace('      thresholds: { alert: 1, rollback: 5 }', '      thresholds: { alert: 5, rollback: 1 }'),
    );
    // One finding accepted in the baseline, one left open: the page shows both.
    expect((await runCli(['check', '--suppress-all'], ws)).code).toBe(0);
    const billing = path.join(ws, 'apps/billing-db/deploy-plan.yaml');
    const kept = fs.readFileSync(billing, 'utf8');
    fs.writeFileSync(billing, kept.replace(/^owner: .*$/m, 'owner: "<script>alert(1)</script>"'));
    const run = await runCli(
      ['check', '--format', 'html=reports/page.html', '--format', 'json=reports/report.json', '--fail-on', 'minor'],
      ws,
    );
    expect(run.code).toBe(1);
    report = JSON.parse(fs.readFileSync(path.join(ws, 'reports/report.json'), 'utf8')) as JsonReport;
    browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${path.join(ws, 'reports/page.html')}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  it('renders a page that is not blank, and loads nothing but itself', async () => {
    expect(await page.title()).toBe('deploy-plan: deployment readiness');
    const shot = await page.screenshot();
    // Count the colours of the screenshot in the page itself (a canvas), to know it is not blank.
    const colours = await page.evaluate(async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    }, shot.toString('base64'));
    expect(colours).toBeGreaterThan(20);
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([]);
    expect(requests.filter((u) => u.startsWith('file://'))).toHaveLength(1);
    // Input text is text: the owner's markup did not become an element.
    expect(await page.locator('script').count()).toBe(1);
  });

  it('shows the counts of the JSON report, a row per project', async () => {
    const rows = await page.$$eval('#projects tbody tr', (trs) =>
      trs.map((tr) => ({ ...(tr as HTMLElement).dataset })),
    );
    expect(rows.map((r) => r.project)).toEqual(report.plans.map((p) => p.project));
    for (const plan of report.plans) {
      const row = rows.find((r) => r.project === plan.project)!;
      expect(row.readiness).toBe(plan.readiness);
      for (const k of ['critical', 'important', 'minor', 'suppressed']) expect(Number(row[k])).toBe(plan.counts[k]);
    }
    expect(report.summary.suppressed).toBeGreaterThan(0);
    const cells = await page.$$eval('#projects tbody tr:nth-child(3) td.cell', (tds) => tds.map((td) => td.className));
    expect(cells.some((c) => c.includes('st-suppressed'))).toBe(true);
    // Each finding links to its policy's help on the page.
    const links = await page.$$eval('.finding a[href^="#rule-"]', (as) => as.map((a) => a.getAttribute('href')!));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(await page.locator(href).count()).toBe(1);
  });

  it('sorts and filters the projects without a framework', async () => {
    const order = () => page.$$eval('#projects tbody tr:not([hidden])', (trs) => trs.map((tr) => tr.dataset.project));
    const minors = () => page.$$eval('#projects tbody tr', (trs) => trs.map((tr) => Number(tr.dataset.minor)));
    await page.click('th button[data-key="minor"]');
    expect(await minors()).toEqual([...(await minors())].sort((a, b) => a - b));
    await page.click('th button[data-key="minor"]');
    expect(await minors()).toEqual([...(await minors())].sort((a, b) => b - a));
    expect(await page.getAttribute('th:has(button[data-key="minor"])', 'aria-sort')).toBe('descending');
    await page.click('th button[data-key="project"]');
    expect(await order()).toEqual(report.plans.map((p) => p.project).sort());
    await page.fill('#filter', 'worker');
    expect(await order()).toEqual(['invoice-worker']);
    await page.fill('#filter', '');
    await page.selectOption('#level', 'gold');
    expect((await order()).sort()).toEqual(
      report.plans
        .filter((p) => p.readiness === 'gold')
        .map((p) => p.project)
        .sort(),
    );
  });

  it('passes the axe-core accessibility rules', async () => {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }
      ).axe.run();
      return result.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
  });
});
