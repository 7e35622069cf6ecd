// Scores `deploy-plan inspect --format json` output against hand-checked facts
// (tools/corpus/facts.json). A fact is met when the inspector reports what a person read in the
// code: a route at that method and full path (or, for an `absent` fact, no such route), a health
// handler of that class, a flag read with that guard at that site, an env read, a metric.
import * as path from 'node:path';

/** `/api/v1/users/:userId/` -> `/api/v1/users/:` (parameter names and trailing slashes do not matter). */
export function normalizePath(p) {
  const segments = p
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? ':' : s));
  return `/${segments.join('/')}`;
}

/** Facts a checker must not contradict: absences, constant health handlers, read-only flag sites. */
export function isNegative(fact) {
  return fact.expect === 'absent' || fact.check === 'returns-constant' || fact.guard === 'read-only';
}

const SITE_SLACK = 2;

/**
 * Scores each fact against an inspect report. `prefix` turns the facts' repository-relative
 * paths into the report's root-relative ones (empty when the root is the repository).
 */
export function evaluateFacts(facts, report, prefix = '') {
  const rel = (file) => (prefix ? path.posix.relative(prefix.split(path.sep).join('/'), file) : file);
  return facts.map((fact) => {
    const { met, seen } = evaluate(fact, report, rel);
    return { fact, met, seen };
  });
}

function routesAt(report, method, p) {
  const wanted = normalizePath(p);
  return report.routes.filter((r) => r.method === method && normalizePath(r.path) === wanted);
}

function evaluate(fact, report, rel) {
  switch (fact.kind) {
    case 'route': {
      const found = routesAt(report, fact.method, fact.path);
      const near = report.routes.filter((r) =>
        normalizePath(r.path).endsWith(normalizePath(fact.path).split('/').pop() ?? ''),
      );
      const seen = found.length
        ? `reported at ${found[0].file}:${found[0].line}`
        : `not reported${
            near.length
              ? `; near: ${near
                  .slice(0, 3)
                  .map((r) => `${r.method} ${r.path}`)
                  .join(', ')}`
              : ''
          }`;
      return { met: fact.expect === 'absent' ? !found.length : found.length > 0, seen };
    }
    case 'health': {
      const found = routesAt(report, fact.method, fact.path);
      if (!found.length) return { met: false, seen: 'route not reported' };
      const classes = found.map((r) => r.check ?? 'unclassified');
      return {
        met: classes.includes(fact.check),
        seen: `classified ${classes.join(', ')}: ${found[0].checkReason ?? ''}`,
      };
    }
    case 'flag': {
      const reads = report.flags.filter((f) => f.key === fact.key);
      if (fact.expect === 'absent')
        return {
          met: !reads.length,
          seen: reads.length ? `read at ${reads[0].file}:${reads[0].line}` : 'not reported',
        };
      if (!reads.length) return { met: false, seen: 'no read reported' };
      if (!fact.guard) return { met: true, seen: 'read reported' };
      const file = rel(fact.file);
      const site = reads.find((f) => f.file === file && Math.abs(f.line - fact.line) <= SITE_SLACK);
      if (!site)
        return {
          met: false,
          seen: `reads at ${reads.map((f) => `${f.file}:${f.line}`).join(', ')}, none at the fact's site`,
        };
      return { met: site.guard === fact.guard, seen: `${site.guard} at ${site.file}:${site.line}` };
    }
    case 'env': {
      const reads = report.env.filter((e) => e.name === fact.name);
      const seen = reads.length ? `read at ${reads[0].file}:${reads[0].line}` : 'not reported';
      return { met: fact.expect === 'absent' ? !reads.length : reads.length > 0, seen };
    }
    case 'metric': {
      const found = report.metrics.filter((m) => m.name === fact.name);
      if (fact.expect === 'absent')
        return {
          met: !found.length,
          seen: found.length ? `reported at ${found[0].file}:${found[0].line}` : 'not reported',
        };
      if (!found.length) return { met: false, seen: 'not reported' };
      const typed = !fact.type || found.some((m) => m.type === fact.type);
      return { met: typed, seen: `reported as ${found.map((m) => m.type).join(', ')}` };
    }
    default:
      return { met: false, seen: `unknown fact kind ${fact.kind}` };
  }
}
