import { EVENT_ID, getScalarValue, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { escapePointerSegment } from '../pointer';

/** Zero-based, end-exclusive offsets into the source text. */
export interface SourceRange {
  start: number;
  end: number;
}

/** Where a plan node sits in the source: its key (for mapping members) and its value. */
export interface NodeLocation {
  key?: SourceRange;
  value: SourceRange;
}

/** A mapping key that appears more than once in the same mapping. */
export interface DuplicateKey {
  pointer: string;
  key: string;
  at: SourceRange;
  first: SourceRange;
}

/** The result of walking a YAML event stream. */
export interface PositionMap {
  /** JSON pointer -> location, for the first document. */
  locations: Map<string, NodeLocation>;
  duplicates: DuplicateKey[];
  /** Start offset of every document after the first (a plan is one document). */
  extraDocuments: number[];
}

interface Frame {
  kind: 'map' | 'seq';
  pointer: string;
  flow: boolean;
  start: number;
  /** End of the last child seen: a block collection ends there. */
  lastEnd: number;
  index: number;
  /** Mapping only: the key waiting for its value. */
  pendingKey?: { name: string; range: SourceRange } | null;
  seenKeys?: Map<string, SourceRange>;
  location: NodeLocation;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Range of a scalar including its quotes, or its `|`/`>` indicator for block scalars. */
function scalarRange(text: string, ev: ScalarEvent, searchFrom: number): SourceRange | undefined {
  if (ev.valueStart < 0) return undefined;
  switch (ev.style) {
    case SCALAR_STYLE.SINGLE_QUOTED:
    case SCALAR_STYLE.DOUBLE_QUOTED:
      return { start: ev.valueStart - 1, end: ev.valueEnd + 1 };
    case SCALAR_STYLE.LITERAL_BLOCK:
    case SCALAR_STYLE.FOLDED_BLOCK: {
      let start = ev.valueStart;
      // The indicator sits between the previous node and the content; comments may contain '|'.
      for (let i = Math.max(searchFrom, ev.anchorEnd, ev.tagEnd, 0); i < ev.valueStart; i++) {
        const c = text[i];
        if (c === '#') {
          while (i < ev.valueStart && text[i] !== '\n') i++;
        } else if (c === '|' || c === '>') {
          start = i;
          break;
        }
      }
      let end = ev.valueEnd;
      while (end > start && isSpace(text[end - 1])) end--;
      return { start, end };
    }
    default:
      return { start: ev.valueStart, end: ev.valueEnd };
  }
}

/** Finds the closing bracket of a flow collection after its last child. */
function flowEnd(text: string, from: number, close: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === close) return i + 1;
    if (c === '#') while (i < text.length && text[i] !== '\n') i++;
  }
  return from;
}

/**
 * Walks js-yaml's event stream once and records, for every node of the first document, the
 * source range of its key and value under its JSON pointer. Also finds duplicate keys (which
 * js-yaml reports one at a time) and extra documents.
 */
export function buildPositionMap(text: string, events: readonly Event[]): PositionMap {
  const locations = new Map<string, NodeLocation>();
  const duplicates: DuplicateKey[] = [];
  const extraDocuments: number[] = [];
  const stack: Frame[] = [];
  let documents = 0;
  let lastEnd = 0;

  /** Where the next node of the parent goes, and its key range. */
  const place = (): { pointer: string; key?: SourceRange } | undefined => {
    const parent = stack[stack.length - 1];
    if (!parent) return { pointer: '' };
    if (parent.kind === 'seq') return { pointer: `${parent.pointer}/${parent.index++}` };
    const pending = parent.pendingKey;
    parent.pendingKey = undefined;
    if (!pending) return undefined; // value of a complex key: not addressable
    return { pointer: `${parent.pointer}/${escapePointerSegment(pending.name)}`, key: pending.range };
  };

  const finish = (end: number) => {
    lastEnd = Math.max(lastEnd, end);
    const parent = stack[stack.length - 1];
    if (parent) parent.lastEnd = Math.max(parent.lastEnd, end);
  };

  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      documents++;
      continue;
    }
    if (documents > 1) {
      // Only record where the extra document starts; its content is not part of the plan.
      if (ev.type !== EVENT_ID.POP && extraDocuments.length < documents - 1) {
        extraDocuments.push('start' in ev ? ev.start : 'valueStart' in ev ? Math.max(0, ev.valueStart) : ev.anchorStart);
      }
      continue;
    }
    const parent = stack[stack.length - 1];
    const isKey = parent?.kind === 'map' && parent.pendingKey === undefined;

    if (ev.type === EVENT_ID.POP) {
      const frame = stack.pop();
      if (!frame) continue;
      const end = frame.flow ? flowEnd(text, frame.lastEnd, frame.kind === 'map' ? '}' : ']') : frame.lastEnd;
      frame.location.value.end = Math.max(end, frame.start);
      finish(frame.location.value.end);
      continue;
    }

    if (isKey) {
      // A mapping key. Only scalar keys are addressable by a JSON pointer.
      if (ev.type === EVENT_ID.SCALAR) {
        const range = scalarRange(text, ev, lastEnd) ?? { start: lastEnd, end: lastEnd };
        const name = getScalarValue(text, ev);
        const seen = parent.seenKeys!;
        const first = seen.get(name);
        if (first) duplicates.push({ pointer: `${parent.pointer}/${escapePointerSegment(name)}`, key: name, at: range, first });
        else seen.set(name, range);
        parent.pendingKey = { name, range };
        finish(range.end);
      } else {
        parent.pendingKey = null;
        if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) {
          // Walk into the complex key without recording it.
          stack.push({ kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', pointer: '\u0000', flow: ev.style === 2, start: ev.start, lastEnd: ev.start, index: 0, pendingKey: undefined, seenKeys: new Map(), location: { value: { start: ev.start, end: ev.start } } });
        }
      }
      continue;
    }

    const slot = place();
    switch (ev.type) {
      case EVENT_ID.SCALAR: {
        const range = scalarRange(text, ev, lastEnd) ?? (slot?.key ? { ...slot.key } : { start: lastEnd, end: lastEnd });
        if (slot && !slot.pointer.includes('\u0000')) locations.set(slot.pointer, { key: slot.key, value: range });
        finish(range.end);
        break;
      }
      case EVENT_ID.ALIAS: {
        const range = { start: ev.anchorStart - 1, end: ev.anchorEnd };
        if (slot && !slot.pointer.includes('\u0000')) locations.set(slot.pointer, { key: slot.key, value: range });
        finish(range.end);
        break;
      }
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        const location: NodeLocation = { key: slot?.key, value: { start: ev.start, end: ev.start } };
        const pointer = slot?.pointer ?? '\u0000';
        if (!pointer.includes('\u0000')) locations.set(pointer, location);
        stack.push({
          kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq',
          pointer,
          flow: ev.style === 2,
          start: ev.start,
          lastEnd: ev.start + 1,
          index: 0,
          pendingKey: undefined,
          seenKeys: ev.type === EVENT_ID.MAPPING ? new Map() : undefined,
          location,
        });
        break;
      }
    }
  }
  return { locations, duplicates, extraDocuments };
}
