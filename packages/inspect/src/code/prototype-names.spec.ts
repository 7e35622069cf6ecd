// Names from user code are ordinary strings: `toString`, `constructor`, `__proto__`,
// `hasOwnProperty` and `valueOf` must be read like any other name, never found on
// Object.prototype (a plain-object lookup table once crashed inspection of nearly every service).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspectCode } from './inspect-code';

const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-proto-'));
  fs.mkdirSync(path.join(dir, 'src'));
  const lines = [
    "import express from 'express';",
    "import { Counter } from 'prom-client';",
    "import { metrics } from '@opentelemetry/api';",
    "import { OpenFeature } from '@openfeature/server-sdk';",
    'const app = express();',
    "const meter = metrics.getMeter('m');",
    'const client = OpenFeature.getClient();',
    'const table: Record<string, number> = {};',
    ...NAMES.flatMap((n) => [
      `table.${n}; table['${n}']; (table as any).${n}?.();`,
      `app.get('/${n}', (_req, res) => { res.json({ ok: true }); });`,
      `app.use('/${n}', express.Router());`,
      `new Counter({ name: 'c_${n}', help: 'h' });`,
      `meter.createHistogram('h_${n}');`,
      `export async function guard_${n}() { if (await client.getBooleanValue('${n}', false)) return 1; return 0; }`,
      `export const env_${n} = process.env.${n} ?? process.env['E_${n}'];`,
    ]),
    // Calls named like Object.prototype's methods are not metrics, flags or routes.
    ...NAMES.map((n) => `export const call_${n} = String(app).${n === '__proto__' ? 'valueOf' : n}();`),
  ];
  fs.writeFileSync(path.join(dir, 'src/app.ts'), lines.join('\n') + '\n');
  return dir;
}

describe('names that are also Object.prototype properties', () => {
  it('are routes, flag keys, env names and metric names like any other, with no failure', () => {
    const dir = project();
    try {
      const facts = inspectCode(dir, dir, { cacheDir: false, envFlags: NAMES });
      expect(facts.failures).toEqual([]);
      expect(facts.routes.map((r) => r.path).sort()).toEqual(NAMES.map((n) => `/${n}`).sort());
      expect(facts.flags.filter((f) => f.provider === 'openfeature').map((f) => [f.key, f.guard])).toEqual(
        NAMES.map((n) => [n, 'guards']),
      );
      expect(facts.metrics.map((m) => m.name).sort()).toEqual(NAMES.flatMap((n) => [`c_${n}`, `h_${n}`]).sort());
      expect(new Set(facts.env.map((e) => e.name))).toEqual(new Set(NAMES.flatMap((n) => [n, `E_${n}`])));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
