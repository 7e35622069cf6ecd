import type { RouteFact } from '@deploy-plan/core';

const segments = (p: string) => p.split('/').filter(Boolean);

/** Does a route path (with `:param`, `*`, `${env:X}`, `${?}`) serve a concrete path? */
export function pathMatches(route: string, path: string): 'exact' | 'pattern' | false {
  const r = segments(route);
  const p = segments(path);
  if (r.join('/') === p.join('/')) return 'exact';
  let i = 0;
  for (; i < r.length; i++) {
    const seg = r[i];
    if (seg === '*' || /\$\{(env:[^}]*|\?)\}/.test(seg)) {
      // Unknown or catch-all parts: anything may follow.
      if (seg === '*' || seg === '${?}') return 'pattern';
      continue;
    }
    if (i >= p.length) return false;
    if (seg.startsWith(':')) continue;
    if (seg !== p[i]) return false;
  }
  return i === p.length ? 'pattern' : false;
}

/** Routes that serve `method path`, best match first. */
export function routesFor(
  routes: readonly RouteFact[],
  method: string,
  path: string,
): { route: RouteFact; match: 'exact' | 'pattern' }[] {
  const wanted = method.toUpperCase();
  return routes
    .filter((r) => r.method === wanted || r.method === 'ALL' || (wanted === 'HEAD' && r.method === 'GET'))
    .map((route) => ({ route, match: pathMatches(route.path, path) }))
    .filter((x): x is { route: RouteFact; match: 'exact' | 'pattern' } => x.match !== false)
    .sort((a, b) => (a.match === b.match ? 0 : a.match === 'exact' ? -1 : 1));
}
