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

/** The walk's state: the open collections and what has been recorded so far. */
class PositionWalker {
  readonly locations = new Map<string, NodeLocation>();
  readonly duplicates: DuplicateKey[] = [];
  readonly extraDocuments: number[] = [];
  private readonly stack: Frame[] = [];
  private documents = 0;
  private lastEnd = 0;

  constructor(private readonly text: string) {}

  event(ev: Event): void {
    if (ev.type === EVENT_ID.DOCUMENT) {
      this.documents++;
      return;
    }
    if (this.documents > 1) {
      // Only record where an extra document starts; its content is not part of the plan.
      if (ev.type !== EVENT_ID.POP && this.extraDocuments.length < this.documents - 1) {
        this.extraDocuments.push(
          'start' in ev ? ev.start : 'valueStart' in ev ? Math.max(0, ev.valueStart) : ev.anchorStart,
        );
      }
      return;
    }
    const parent = this.stack[this.stack.length - 1];
    if (ev.type === EVENT_ID.POP) this.pop();
    else if (parent?.kind === 'map' && parent.pendingKey === undefined) this.key(parent, ev);
    else this.node(ev, this.place());
  }

  /** Where the next node of the parent goes, and its key range. */
  private place(): { pointer: string; key?: SourceRange } | undefined {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return { pointer: '' };
    if (parent.kind === 'seq') return { pointer: `${parent.pointer}/${parent.index++}` };
    const pending = parent.pendingKey;
    parent.pendingKey = undefined;
    if (!pending) return undefined; // value of a complex key: not addressable
    return { pointer: `${parent.pointer}/${escapePointerSegment(pending.name)}`, key: pending.range };
  }

  private finish(end: number): void {
    this.lastEnd = Math.max(this.lastEnd, end);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.lastEnd = Math.max(parent.lastEnd, end);
  }

  private pop(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    const end = frame.flow ? flowEnd(this.text, frame.lastEnd, frame.kind === 'map' ? '}' : ']') : frame.lastEnd;
    frame.location.value.end = Math.max(end, frame.start);
    this.finish(frame.location.value.end);
  }

  /** A mapping key. Only scalar keys are addressable by a JSON pointer; duplicates are noted. */
  private key(parent: Frame, ev: Event): void {
    if (ev.type !== EVENT_ID.SCALAR) {
      parent.pendingKey = null;
      // Walk into a complex key without recording it.
      if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE)
        this.open(ev, '\u0000', { value: { start: ev.start, end: ev.start } }, ev.start);
      return;
    }
    const range = scalarRange(this.text, ev, this.lastEnd) ?? { start: this.lastEnd, end: this.lastEnd };
    const name = getScalarValue(this.text, ev);
    const first = parent.seenKeys!.get(name);
    if (first)
      this.duplicates.push({ pointer: `${parent.pointer}/${escapePointerSegment(name)}`, key: name, at: range, first });
    else parent.seenKeys!.set(name, range);
    parent.pendingKey = { name, range };
    this.finish(range.end);
  }

  private node(ev: Event, slot: { pointer: string; key?: SourceRange } | undefined): void {
    const addressable = slot && !slot.pointer.includes('\u0000');
    if (ev.type === EVENT_ID.SCALAR || ev.type === EVENT_ID.ALIAS) {
      const range =
        ev.type === EVENT_ID.ALIAS
          ? { start: ev.anchorStart - 1, end: ev.anchorEnd }
          : (scalarRange(this.text, ev, this.lastEnd) ??
            (slot?.key ? { ...slot.key } : { start: this.lastEnd, end: this.lastEnd }));
      if (addressable) this.locations.set(slot.pointer, { key: slot.key, value: range });
      this.finish(range.end);
    } else if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) {
      const location: NodeLocation = { key: slot?.key, value: { start: ev.start, end: ev.start } };
      if (addressable) this.locations.set(slot.pointer, location);
      this.open(ev, slot?.pointer ?? '\u0000', location, ev.start + 1);
    }
  }

  private open(ev: Extract<Event, { start: number }>, pointer: string, location: NodeLocation, lastEnd: number): void {
    const isMap = ev.type === EVENT_ID.MAPPING;
    this.stack.push({
      kind: isMap ? 'map' : 'seq',
      pointer,
      flow: ev.style === 2,
      start: ev.start,
      lastEnd,
      index: 0,
      pendingKey: undefined,
      seenKeys: isMap ? new Map() : undefined,
      location,
    });
  }
}

/**
 * Walks js-yaml's event stream once and records, for every node of the first document, the
 * source range of its key and value under its JSON pointer. Also finds duplicate keys (which
 * js-yaml reports one at a time) and extra documents.
 */
export function buildPositionMap(text: string, events: readonly Event[]): PositionMap {
  const walker = new PositionWalker(text);
  for (const ev of events) walker.event(ev);
  return { locations: walker.locations, duplicates: walker.duplicates, extraDocuments: walker.extraDocuments };
}
