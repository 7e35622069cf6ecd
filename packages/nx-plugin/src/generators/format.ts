import type { Tree } from 'nx/src/devkit-exports';

/**
 * Formats what a generator wrote as the workspace formats it, with Nx's own `formatFiles` (from
 * the workspace's `@nx/devkit`, which every Nx plugin brings): Prettier when the workspace has it,
 * nothing otherwise. Without `@nx/devkit` the files stay as written.
 */
export async function formatWritten(tree: Tree): Promise<void> {
  let devkit: { formatFiles?: (tree: Tree) => Promise<void> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the workspace's own copy, when it has one
    devkit = require(require.resolve('@nx/devkit', { paths: [tree.root] })) as typeof devkit;
  } catch {
    return;
  }
  await devkit.formatFiles?.(tree);
}
