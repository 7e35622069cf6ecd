/** The command the pre-commit hook runs. `--no-install`: never download anything in a hook. */
export const HOOK_COMMAND = 'npx --no-install deploy-plan check --staged';

/** Which hook manager a repository uses, and the file to extend. */
export type HookSetup =
  { kind: 'husky'; file: string } | { kind: 'lefthook'; file: string } | { kind: 'git'; file: string };

/** What the hook installer can see of a repository (paths relative to its root). */
export interface HookFiles {
  exists(relative: string): boolean;
  read(relative: string): string | undefined;
}

const LEFTHOOK_FILES = [
  'lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yml',
  '.lefthook.yaml',
  'lefthook.json',
  '.lefthook.json',
];

/** Husky when `.husky/` exists or package.json uses husky; lefthook when its config exists; else a plain git hook. */
export function detectHookSetup(files: HookFiles): HookSetup {
  const pkg = files.read('package.json');
  const usesHusky = files.exists('.husky') || (pkg !== undefined && /"husky"\s*:/.test(pkg));
  if (usesHusky) return { kind: 'husky', file: '.husky/pre-commit' };
  const lefthook = LEFTHOOK_FILES.find((f) => files.exists(f));
  if (lefthook) return { kind: 'lefthook', file: lefthook };
  return { kind: 'git', file: '.git/hooks/pre-commit' };
}

export type HookEdit = { changed: false; reason: string } | { changed: true; content: string; executable: boolean };

function addToLefthookYaml(current: string): string {
  const lines = current.split('\n');
  const block = (indent: string) => [`${indent}deploy-plan:`, `${indent}  run: ${HOOK_COMMAND}`];
  const start = lines.findIndex((l) => /^pre-commit:\s*(#.*)?$/.test(l));
  if (start < 0) {
    const sep = current.endsWith('\n') || current === '' ? '' : '\n';
    return `${current}${sep}${current.trim() ? '\n' : ''}pre-commit:\n  commands:\n${block('    ').join('\n')}\n`;
  }
  // The pre-commit block runs until the next top-level key.
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++)
    if (/^\S/.test(lines[i]) && !lines[i].startsWith('#')) {
      end = i;
      break;
    }
  const commands = lines.slice(start + 1, end).findIndex((l) => /^\s+commands:\s*(#.*)?$/.test(l));
  if (commands >= 0) {
    const at = start + 1 + commands;
    const indent = /^(\s*)/.exec(lines[at])![1];
    const child = lines.slice(at + 1, end).find((l) => l.trim() && !l.trim().startsWith('#'));
    const childIndent = child ? /^(\s*)/.exec(child)![1] : `${indent}  `;
    lines.splice(at + 1, 0, ...block(childIndent.length > indent.length ? childIndent : `${indent}  `));
  } else {
    const child = lines.slice(start + 1, end).find((l) => l.trim() && !l.trim().startsWith('#'));
    const indent = child ? /^(\s*)/.exec(child)![1] : '  ';
    lines.splice(start + 1, 0, `${indent}commands:`, ...block(`${indent}${indent}`));
  }
  return lines.join('\n');
}

/**
 * Adds the deploy-plan check to a hook file's current content without touching what is already
 * there. Idempotent: when the command is present, nothing changes.
 */
export function addToHook(setup: HookSetup, current: string | undefined): HookEdit {
  if (current?.includes('deploy-plan check --staged'))
    return { changed: false, reason: `${setup.file} already runs deploy-plan` };
  switch (setup.kind) {
    case 'husky': {
      const base = current ?? '';
      return {
        changed: true,
        content: `${base}${base && !base.endsWith('\n') ? '\n' : ''}${HOOK_COMMAND}\n`,
        executable: true,
      };
    }
    case 'lefthook': {
      if (/\.json$/.test(setup.file)) {
        let config: Record<string, unknown>;
        try {
          config = current ? (JSON.parse(current) as Record<string, unknown>) : {};
        } catch {
          return { changed: false, reason: `${setup.file} is not valid JSON; add the deploy-plan command by hand` };
        }
        const pre = (config['pre-commit'] ??= {}) as Record<string, unknown>;
        const commands = (pre.commands ??= {}) as Record<string, unknown>;
        commands['deploy-plan'] = { run: HOOK_COMMAND };
        return { changed: true, content: JSON.stringify(config, null, 2) + '\n', executable: false };
      }
      return { changed: true, content: addToLefthookYaml(current ?? ''), executable: false };
    }
    case 'git': {
      if (!current)
        return {
          changed: true,
          content: [
            '#!/bin/sh',
            '# Added by deploy-plan: checks the deploy plans of the projects this commit touches.',
            HOOK_COMMAND,
            '',
          ].join('\n'),
          executable: true,
        };
      // An existing hook keeps running; ours runs after it, and stops the commit on failure.
      return {
        changed: true,
        content: `${current}${current.endsWith('\n') ? '' : '\n'}${HOOK_COMMAND} || exit $?\n`,
        executable: true,
      };
    }
  }
}
