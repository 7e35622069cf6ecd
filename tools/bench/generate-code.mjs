#!/usr/bin/env node
// Generates TypeScript projects in the shapes inspection reads: Express routers mounted with
// prefixes, services calling a database pool, flag reads behind an enum, env reads and metrics.
// Usage: node tools/bench/generate-code.mjs FILES DIR [PROJECTS]
import fs from 'node:fs';
import path from 'node:path';

function service(i) {
  return `import { pool } from '../db';
import { Flags, flags } from '../flags';
import { requests } from '../metrics';

export interface Item${i} { id: string; name: string; total: number }

export async function list${i}(limit = 20): Promise<Item${i}[]> {
  const started = Date.now();
  const { rows } = await pool.query<Item${i}>('SELECT id, name, total FROM items_${i} LIMIT $1', [limit]);
  requests.inc({ route: 'list${i}', outcome: 'ok' });
  if (Date.now() - started > 1000) console.warn('slow list${i}');
  return rows.map((row) => ({ ...row, total: Math.round(row.total * 100) / 100 }));
}

export async function get${i}(id: string): Promise<Item${i} | undefined> {
  if (!(await flags.getBooleanValue(Flags.Feature${i % 10}, false))) return undefined;
  const { rows } = await pool.query<Item${i}>('SELECT * FROM items_${i} WHERE id = $1', [id]);
  return rows[0];
}

export function validate${i}(input: unknown): input is Item${i} {
  if (!input || typeof input !== 'object') return false;
  const candidate = input as Record<string, unknown>;
  return typeof candidate.id === 'string' && typeof candidate.name === 'string' && typeof candidate.total === 'number';
}
`;
}

function router(i) {
  return `import { Router } from 'express';
import { get${i}, list${i}, validate${i} } from '../services/service-${i}';

export const router${i} = Router();

router${i}.get('/', async (_req, res) => {
  res.json(await list${i}(Number(process.env.PAGE_SIZE ?? 20)));
});

router${i}.get('/:id', async (req, res) => {
  const item = await get${i}(req.params.id);
  if (!item) return res.status(404).json({ error: 'not found' });
  return res.json(item);
});

router${i}.post('/', (req, res) => {
  if (!validate${i}(req.body)) return res.status(400).json({ error: 'invalid' });
  return res.status(201).json(req.body);
});
`;
}

/** Writes one project of about `files` files under `dir`. */
export function generateProject(dir, files) {
  const routers = Math.max(1, Math.floor((files - 6) / 2));
  fs.mkdirSync(path.join(dir, 'src/routes'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src/services'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: path.basename(dir),
      private: true,
      dependencies: { express: '^4', pg: '^8', 'prom-client': '^15', '@openfeature/server-sdk': '^1' },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'src/db.ts'),
    "import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n",
  );
  const flagMembers = Array.from({ length: 10 }, (_, k) => `  Feature${k} = 'feature-${k}',`);
  fs.writeFileSync(
    path.join(dir, 'src/flags.ts'),
    [
      "import { OpenFeature } from '@openfeature/server-sdk';",
      'export enum Flags {',
      flagMembers.join('\n'),
      '}',
      'export const flags = OpenFeature.getClient();',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(dir, 'src/metrics.ts'),
    "import { Counter } from 'prom-client';\nconst PREFIX = 'app';\nexport const " +
      "requests = new Counter({ name: `${PREFIX}_requests_total`, help: 'Requests', " +
      "labelNames: ['route', 'outcome'] });\n",
  );
  fs.writeFileSync(
    path.join(dir, 'src/health.ts'),
    "import { Router } from 'express';\nimport { pool } from './db';\nexport const " +
      "health = Router();\nhealth.get('/live', (_req, res) => res.json({ ok: true " +
      "}));\nhealth.get('/ready', async (_req, res) => {\n  try {\n    await " +
      "pool.query('SELECT 1');\n    res.json({ ok: true });\n  } catch {\n    " +
      'res.status(503).json({ ok: false });\n  }\n});\n',
  );
  const imports = [];
  const mounts = [];
  for (let i = 0; i < routers; i++) {
    fs.writeFileSync(path.join(dir, `src/services/service-${i}.ts`), service(i));
    fs.writeFileSync(path.join(dir, `src/routes/route-${i}.ts`), router(i));
    imports.push(`import { router${i} } from './routes/route-${i}';`);
    mounts.push(`app.use('/api/v1/items-${i}', router${i});`);
  }
  fs.writeFileSync(
    path.join(dir, 'src/main.ts'),
    [
      "import express from 'express';",
      "import { health } from './health';",
      imports.join('\n'),
      '',
      'const app = express();',
      'app.use(express.json());',
      "app.use('/health', health);",
      mounts.join('\n'),
      'app.listen(Number(process.env.PORT ?? 3000));',
      '',
    ].join('\n'),
  );
  return 6 + routers * 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const [files, dir, projects = '1'] = process.argv.slice(2);
  for (let p = 0; p < Number(projects); p++)
    generateProject(Number(projects) > 1 ? path.join(dir, `apps/app-${p}`) : dir, Number(files));
}
