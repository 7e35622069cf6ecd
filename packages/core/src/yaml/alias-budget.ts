import { EVENT_ID, type Event } from 'js-yaml';

/** Where a document's aliases expand it past the node budget. */
export interface AliasOverrun {
  /** Offset of the alias that crossed the budget. */
  offset: number;
  /** Expanded node count at that point. */
  nodes: number;
  /** Set when the alias is inside the node its anchor names: the value would be infinite (a cycle). */
  recursive?: string;
}

/** An anchored collection still open: an alias to it now would be inside it. */
const OPEN = -1;

/**
 * Counts the nodes a document would have with every alias expanded, without expanding
 * anything: an anchored node's expanded size is remembered, and each alias adds it. Stops at
 * the first alias that takes the total past `maxNodes` ("billion laughs" guard). Linear in the
 * number of events. An alias inside the collection its anchor names (`&a [*a]`) is reported as
 * `recursive`: its expansion never ends.
 */
export function checkAliasExpansion(
  source: string,
  events: readonly Event[],
  maxNodes: number,
): AliasOverrun | undefined {
  const anchors = new Map<string, number>();
  // Per open collection: its expanded size so far, and its anchor name.
  const open: { size: number; anchor?: string }[] = [];
  let total = 0;
  const add = (n: number) => {
    total += n;
    if (open.length) open[open.length - 1].size += n;
  };
  for (const ev of events) {
    switch (ev.type) {
      case EVENT_ID.SCALAR:
        add(1);
        if (ev.anchorStart >= 0) anchors.set(source.slice(ev.anchorStart, ev.anchorEnd), 1);
        break;
      case EVENT_ID.ALIAS: {
        const name = source.slice(ev.anchorStart, ev.anchorEnd);
        const size = anchors.get(name);
        // js-yaml makes such an alias a reference to the object being built: a cyclic value that
        // every walk over the document (policies, placeholders, reports) would follow forever.
        if (size === OPEN) return { offset: ev.anchorStart - 1, nodes: total, recursive: name };
        add(size ?? 1);
        if (total > maxNodes) return { offset: ev.anchorStart - 1, nodes: total };
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        total += 1;
        const anchor = ev.anchorStart >= 0 ? source.slice(ev.anchorStart, ev.anchorEnd) : undefined;
        if (anchor !== undefined) anchors.set(anchor, OPEN);
        open.push({ size: 1, anchor });
        break;
      }
      case EVENT_ID.POP: {
        const frame = open.pop();
        if (!frame) break;
        if (frame.anchor !== undefined) anchors.set(frame.anchor, frame.size);
        if (open.length) open[open.length - 1].size += frame.size;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
