import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readNxGraph } from './nx-graph';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-graph-'));
  fs.mkdirSync(path.join(root, '.nx/workspace-data'), { recursive: true });
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const writeGraph = (graph: unknown) =>
  fs.writeFileSync(path.join(root, '.nx/workspace-data/project-graph.json'), JSON.stringify(graph));

describe('readNxGraph', () => {
  it('reads dependencies, targets and roots of workspace projects only', () => {
    writeGraph({
      nodes: {
        api: { data: { root: 'apps/api', targets: { build: {}, deploy: {} } } },
        db: { data: { root: 'libs/db', targets: {} } },
      },
      dependencies: { api: [{ target: 'db' }, { target: 'npm:express' }], db: [] },
    });
    expect(readNxGraph(root)).toEqual({
      dependencies: { api: ['db'], db: [] },
      targets: { api: ['build', 'deploy'], db: [] },
      roots: { api: 'apps/api', db: 'libs/db' },
    });
  });

  it('treats projects named like Object.prototype members as projects', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    writeGraph({
      nodes: Object.fromEntries(names.map((n) => [n, { data: { root: `apps/${n}`, targets: { deploy: {} } } }])),
      dependencies: { constructor: [{ target: 'toString' }] },
    });
    const graph = readNxGraph(root)!;
    expect(Object.keys(graph.targets!).sort()).toEqual([...names].sort());
    for (const n of names) expect(graph.targets![n]).toEqual(['deploy']);
    expect(Object.entries(graph.dependencies).sort()).toEqual([
      ['__proto__', []],
      ['constructor', ['toString']],
      ['hasOwnProperty', []],
      ['toString', []],
    ]);
  });
});
