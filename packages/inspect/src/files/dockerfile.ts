/** What a Dockerfile says about running the service. */
export interface DockerfileFacts {
  healthcheck?: { command: string; path?: string; line: number; column: number };
  expose: number[];
  /** What COPY and ADD take from the build context (not `--from` a stage), as written. */
  copies: string[];
}

/** The path of the first http(s) URL in a command (`curl -f http://localhost:3000/health` -> `/health`). */
export function urlPath(command: string): string | undefined {
  const m = /https?:\/\/[^/\s'"`]+(\/[^\s'"`|;&)]*)?/.exec(command);
  if (!m) return undefined;
  if (m[1]) return m[1].replace(/[?#].*$/, '') || '/';
  // A URL built in code, `'http://localhost:' + port + '/health'`: its path is the next string
  // that starts with a slash; with none, the path cannot be told.
  const rest = command.slice(m.index + m[0].length);
  if (/^['"`]\s*\+/.test(rest)) return /['"`](\/[^\s'"`?#]*)/.exec(rest)?.[1];
  return '/';
}

/**
 * Reads HEALTHCHECK and EXPOSE from a Dockerfile. Handles line continuations, comments and
 * both the shell and the JSON (exec) form of CMD.
 */
/** The sources of a COPY or ADD that come from the build context: none for `--from=<stage>`. */
function contextSources(args: string): string[] {
  const words = args.split(/\s+/).filter(Boolean);
  if (words.some((w) => /^--from=/i.test(w))) return [];
  const rest = words.filter((w) => !w.startsWith('--'));
  if (rest[0]?.startsWith('[')) {
    try {
      return (JSON.parse(rest.join(' ')) as string[]).slice(0, -1);
    } catch {
      return [];
    }
  }
  return rest.slice(0, -1);
}

export function parseDockerfile(text: string): DockerfileFacts {
  const facts: DockerfileFacts = { expose: [], copies: [] };
  // Without a byte-order mark, which editors do not show: columns count from the first instruction.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const startLine = i + 1;
    const startColumn = lines[i].search(/\S|$/) + 1;
    let instruction = lines[i];
    while (/\\\s*$/.test(instruction) && i + 1 < lines.length)
      instruction = instruction.replace(/\\\s*$/, ' ') + lines[++i];
    const trimmed = instruction.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const [keyword, ...rest] = trimmed.split(/\s+/);
    const args = rest.join(' ');
    switch (keyword.toUpperCase()) {
      case 'EXPOSE':
        for (const port of args.split(/\s+/)) {
          const n = Number(port.split('/')[0]);
          if (Number.isInteger(n) && n > 0) facts.expose.push(n);
        }
        break;
      case 'COPY':
      case 'ADD':
        facts.copies.push(...contextSources(args));
        break;
      case 'HEALTHCHECK': {
        if (/^NONE\b/i.test(args)) break;
        const cmd = /\bCMD\s+(.*)$/i.exec(args)?.[1] ?? '';
        let command = cmd.trim();
        if (command.startsWith('[')) {
          try {
            command = (JSON.parse(command) as string[]).join(' ');
          } catch {
            // not valid JSON: keep the text
          }
        }
        facts.healthcheck = { command, path: urlPath(command), line: startLine, column: startColumn };
        break;
      }
      default:
        break;
    }
  }
  return facts;
}
