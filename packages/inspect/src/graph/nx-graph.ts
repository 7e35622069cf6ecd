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
    facts = { dependencies: {}, targets: {}, roots: {} };
    for (const [name, node] of Object.entries(raw.nodes ?? {})) {
      facts.targets![name] = Object.keys(node.data?.targets ?? {}).sort();
      if (node.data?.root !== undefined) facts.roots![name] = node.data.root;
      facts.dependencies[name] = [
        ...new Set((raw.dependencies?.[name] ?? []).map((d) => d.target).filter((t) => projects.has(t))),
      ].sort();
    }
  } catch {
    facts = undefined;
  }
  cache.set(root, facts ?? null);
  return facts;
}
