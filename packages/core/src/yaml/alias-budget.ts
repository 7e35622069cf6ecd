import { EVENT_ID, type Event } from 'js-yaml';

/** Where a document's aliases expand it past the node budget. */
export interface AliasOverrun {
  /** Offset of the alias that crossed the budget. */
  offset: number;
  /** Expanded node count at that point. */
  nodes: number;
}

/**
 * Counts the nodes a document would have with every alias expanded, without expanding
 * anything: an anchored node's expanded size is remembered, and each alias adds it. Stops at
 * the first alias that takes the total past `maxNodes` ("billion laughs" guard). Linear in the
 * number of events.
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
      case EVENT_ID.ALIAS:
        add(anchors.get(source.slice(ev.anchorStart, ev.anchorEnd)) ?? 1);
        if (total > maxNodes) return { offset: ev.anchorStart - 1, nodes: total };
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        total += 1;
        open.push({ size: 1, anchor: ev.anchorStart >= 0 ? source.slice(ev.anchorStart, ev.anchorEnd) : undefined });
        break;
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
