import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GraphFacts } from '@deploy-plan/core';

interface RawGraph {
  nodes?: Record<string, { name: string; data?: { root?: string; targets?: Record<string, unknown> } }>;
  dependencies?: Record<string, { source: string; target: string; type?: string }[]>;
}

const cache = new Map<string, GraphFacts | null>();

/**
 * Where Nx keeps its workspace data: NX_WORKSPACE_DATA_DIRECTORY, nx.json's workspaceDataDirectory,
 * or .nx/workspace-data.
 */
function workspaceDataDir(root: string): string {
  if (process.env.NX_WORKSPACE_DATA_DIRECTORY) return path.resolve(root, process.env.NX_WORKSPACE_DATA_DIRECTORY);
  try {
    const nxJson = JSON.parse(fs.readFileSync(path.join(root, 'nx.json'), 'utf8')) as {
      workspaceDataDirectory?: string;
    };
    if (nxJson.workspaceDataDirectory) return path.resolve(root, nxJson.workspaceDataDirectory);
  } catch {
    // no nx.json: not an Nx workspace
  }
  return path.join(root, '.nx', 'workspace-data');
}

/**
 * The project graph Nx computed last (it writes it before running tasks, so under
 * `nx affected -t deploy-plan` it is current): dependencies between workspace projects, each
 * project's targets (inferred ones included) and root. Undefined outside an Nx workspace or
 * before Nx has computed a graph.
 */
export function readNxGraph(root: string): GraphFacts | undefined {
  if (cache.has(root)) return cache.get(root) ?? undefined;
  let facts: GraphFacts | undefined;
  try {
    const raw = JSON.parse(
      fs.readFileSync(path.join(workspaceDataDir(root), 'project-graph.json'), 'utf8'),
    ) as RawGraph;
    const projects = new Set(Object.keys(raw.nodes ?? {}));
    // Keyed by project names, which are input: no prototype, so `constructor` or `__proto__`
    // is a project like any other.
    const targets: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const roots: Record<string, string> = Object.create(null) as Record<string, string>;
    const dependencies: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const edges = raw.dependencies ?? {};
    for (const [name, node] of Object.entries(raw.nodes ?? {})) {
      targets[name] = Object.keys(node.data?.targets ?? {}).sort();
      if (node.data?.root !== undefined) roots[name] = node.data.root;
      const own = Object.hasOwn(edges, name) && Array.isArray(edges[name]) ? edges[name] : [];
      dependencies[name] = [...new Set(own.map((d) => d.target).filter((t) => projects.has(t)))].sort();
    }
    facts = { dependencies, targets, roots };
  } catch {
    facts = undefined;
  }
  cache.set(root, facts ?? null);
  return facts;
}
