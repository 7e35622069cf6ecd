const compiled = new Map<string, RegExp>();

/** A glob over POSIX paths: `**` any folders, `*` and `?` within one segment. Compiled once per glob. */
export function globToRegExp(glob: string): RegExp {
  const cached = compiled.get(glob);
  if (cached) return cached;
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regexp = new RegExp(`^${re}$`);
  compiled.set(glob, regexp);
  return regexp;
}

const normalise = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');

/** Does the pattern `covering` (a path or glob) take in `path` (itself a path or a glob)? */
export function covers(covering: string, path: string): boolean {
  const a = normalise(covering);
  const b = normalise(path);
  if (a === b) return true;
  if (!/[*?]/.test(a)) return b.startsWith(`${a}/`);
  return globToRegExp(a).test(b);
}
