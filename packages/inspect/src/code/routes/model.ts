import { ts } from 'ts-morph';
import type { Confidence } from '@deploy-plan/core';
import type { Site } from '../codebase';
import { joinPaths, worst, type StringValue } from '../evaluate';
import type { Frame } from '../values';

export type Framework =
  'express' | 'fastify' | 'koa' | 'hono' | 'nestjs' | 'nextjs' | 'routing-controllers' | 'trpc' | 'wrapper';

/** A route found in code, before health classification. */
export interface FoundRoute {
  method: string;
  path: string;
  confidence: Confidence;
  framework: Framework;
  site: Site;
  handler?: ts.FunctionLikeDeclaration;
  /** The frame the handler's own names are read in (a helper's call). */
  handlerFrame?: Frame;
}

/**
 * A router or app instance: what registrations and mounts attach to. `root` routers (an
 * `express()` app, a Next.js app) serve at `/`; others serve only where something mounts them,
 * and one nothing mounts is reported under an unknown `${?}` prefix rather than at `/`.
 */
export interface RouterNode {
  key: string;
  framework: Framework;
  root: boolean;
  /** Prefixes the instance itself adds (Koa `prefix`, Hono `basePath`), one per possibility. */
  own: StringValue[];
}

export interface Mount {
  parent: RouterNode;
  child: RouterNode;
  prefix: StringValue;
}

export interface Registration {
  router: RouterNode;
  method: string;
  path: StringValue;
  site: Site;
  handler?: ts.FunctionLikeDeclaration;
  handlerFrame?: Frame;
}

const EMPTY: StringValue = { text: '', confidence: 'literal' };
const UNKNOWN: StringValue = { text: '${?}', confidence: 'dynamic' };
const MAX_PREFIXES = 64;

/**
 * The mount tree every framework module feeds: routers, what is mounted where, and what is
 * registered on each. Full paths are the prefixes along every chain of mounts from a root down
 * to a registration.
 */
export class RouteModel {
  readonly routers = new Map<string, RouterNode>();
  readonly mounts: Mount[] = [];
  readonly registrations: Registration[] = [];
  /** Routes found whole (decorators, file-system routing), not through the tree. */
  readonly direct: FoundRoute[] = [];
  /** Calls that look like route registrations on something not understood. */
  readonly unknownSites: Site[] = [];
  private readonly mountKeys = new Set<string>();
  private readonly registrationKeys = new Set<string>();

  router(key: string, framework: Framework, root: boolean, own: StringValue[] = [EMPTY]): RouterNode {
    let node = this.routers.get(key);
    if (!node) {
      node = { key, framework, root, own };
      this.routers.set(key, node);
    } else if (own.some((o) => o.text)) {
      node.own = dedupe([...node.own.filter((o) => o.text), ...own]);
    }
    return node;
  }

  mount(parent: RouterNode, child: RouterNode, prefix: StringValue): void {
    if (parent === child) return;
    const key = `${parent.key}>${child.key}>${prefix.text}`;
    if (this.mountKeys.has(key)) return;
    this.mountKeys.add(key);
    this.mounts.push({ parent, child, prefix });
  }

  register(registration: Registration): void {
    const { router, method, path, site } = registration;
    const key = `${router.key} ${method} ${path.text} ${site.file}:${site.line}:${site.column}`;
    if (this.registrationKeys.has(key)) return;
    this.registrationKeys.add(key);
    this.registrations.push(registration);
  }

  /** Every route: registrations under every chain of prefixes, and the direct ones. */
  routes(): FoundRoute[] {
    const parentsOf = new Map<string, Mount[]>();
    for (const m of this.mounts) parentsOf.set(m.child.key, [...(parentsOf.get(m.child.key) ?? []), m]);
    const memo = new Map<string, StringValue[]>();
    const prefixes = (router: RouterNode, seen: Set<string>): StringValue[] => {
      const cached = memo.get(router.key);
      if (cached) return cached;
      const parents = (parentsOf.get(router.key) ?? []).filter((m) => !seen.has(m.parent.key));
      let out: StringValue[];
      if (!parents.length) {
        const base = router.root ? EMPTY : UNKNOWN;
        out = router.own.map((own) => concat(base, own));
      } else {
        const next = new Set(seen).add(router.key);
        out = parents.flatMap((m) =>
          prefixes(m.parent, next).flatMap((p) => router.own.map((own) => concat(concat(p, m.prefix), own))),
        );
      }
      out = dedupe(out).slice(0, MAX_PREFIXES);
      if (seen.size === 0) memo.set(router.key, out);
      return out;
    };
    const out: FoundRoute[] = [...this.direct];
    for (const r of this.registrations) {
      for (const prefix of prefixes(r.router, new Set())) {
        const full = concat(prefix, r.path);
        const confidence =
          full.confidence === 'literal' && prefix.text && prefix.text !== '/' ? 'resolved' : full.confidence;
        out.push({
          method: r.method,
          path: joinPaths(full.text),
          confidence,
          framework: r.router.framework,
          site: r.site,
          handler: r.handler,
          handlerFrame: r.handlerFrame,
        });
      }
    }
    return out;
  }
}

/** Two path parts joined, with the weaker confidence. */
export function concat(a: StringValue, b: StringValue): StringValue {
  return { text: joinPaths(a.text, b.text), confidence: worst(a.confidence, b.confidence) };
}

function dedupe(values: StringValue[]): StringValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = `${v.text}\u0000${v.confidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { EMPTY, UNKNOWN };
