import { parseEvents } from 'js-yaml';
import { LineIndex } from '../source/line-index';
import { buildPositionMap } from './position-map';

/** `line:column-endLine:endColumn` of a pointer's value (or key), for compact assertions. */
function spans(text: string) {
  const map = buildPositionMap(text, parseEvents(text, {}));
  const index = new LineIndex(text);
  const fmt = (r: { start: number; end: number } | undefined) => {
    if (!r) return undefined;
    const a = index.position(r.start);
    const b = index.position(r.end);
    return `${a.line}:${a.column}-${b.line}:${b.column}`;
  };
  return {
    value: (pointer: string) => fmt(map.locations.get(pointer)?.value),
    key: (pointer: string) => fmt(map.locations.get(pointer)?.key),
    text: (pointer: string) => {
      const r = map.locations.get(pointer)?.value;
      return r && text.slice(r.start, r.end);
    },
    map,
  };
}

describe('buildPositionMap', () => {
  it('maps nested mappings: keys and values', () => {
    const s = spans('a: 1\nb:\n  c: hello\n  d:\n    e: true\n');
    expect(s.key('/a')).toBe('1:1-1:2');
    expect(s.value('/a')).toBe('1:4-1:5');
    expect(s.key('/b')).toBe('2:1-2:2');
    expect(s.value('/b/c')).toBe('3:6-3:11');
    expect(s.key('/b/d/e')).toBe('5:5-5:6');
    expect(s.value('/b/d/e')).toBe('5:8-5:12');
    // A block mapping starts at its first key and ends after its last value.
    expect(s.value('/b')).toBe('3:3-5:12');
    expect(s.value('')).toBe('1:1-5:12');
  });

  it('maps block sequences, including mappings inside them', () => {
    const s = spans('steps:\n  - id: a\n    run: x\n  - id: b\n  - plain\n');
    expect(s.value('/steps/0/id')).toBe('2:9-2:10');
    expect(s.value('/steps/0')).toBe('2:5-3:11');
    expect(s.key('/steps/1/id')).toBe('4:5-4:7');
    expect(s.value('/steps/2')).toBe('5:5-5:10');
    expect(s.key('/steps/0')).toBeUndefined();
  });

  it('maps flow collections with their brackets', () => {
    const s = spans('codeTypes: [api, ui]\nthresholds: { alert: 95, rollback: 50 }\n');
    expect(s.value('/codeTypes')).toBe('1:12-1:21');
    expect(s.value('/codeTypes/1')).toBe('1:18-1:20');
    expect(s.text('/thresholds')).toBe('{ alert: 95, rollback: 50 }');
    expect(s.value('/thresholds/rollback')).toBe('2:36-2:38');
    expect(s.key('/thresholds/alert')).toBe('2:15-2:20');
  });

  it('includes quotes in quoted scalars and keys', () => {
    const s = spans('"quoted key": \'single\'\nb: "dou\\"ble"\n');
    expect(s.key('/quoted key')).toBe('1:1-1:13');
    expect(s.text('/quoted key')).toBe("'single'");
    expect(s.text('/b')).toBe('"dou\\"ble"');
  });

  it('starts block scalars at their indicator, not at the content', () => {
    const s = spans('purpose: >-  # why | not\n  folded\n  text\n\nnext: |\n  keep\n');
    expect(s.value('/purpose')).toBe('1:10-3:7');
    expect(s.text('/next')).toBe('|\n  keep');
  });

  it('maps multi-line plain scalars', () => {
    expect(spans('a: plain\n  continued\nb: 1\n').value('/a')).toBe('1:4-2:12');
  });

  it('points aliases at the alias and records the anchored node once', () => {
    const s = spans('base: &gate { metric: m, interval: 1m }\nother: *gate\nlist:\n  - *gate\n');
    expect(s.value('/base')).toBe('1:13-1:40');
    expect(s.value('/other')).toBe('2:8-2:13');
    expect(s.value('/list/0')).toBe('4:5-4:10');
    // Nodes under an alias have no position of their own.
    expect(s.value('/other/metric')).toBeUndefined();
  });

  it('maps anchored block mappings and their members', () => {
    const s = spans('a: &x\n  k: v\nb: *x\n');
    expect(s.value('/a/k')).toBe('2:6-2:7');
    expect(s.value('/b')).toBe('3:4-3:6');
  });

  it('escapes pointer segments (RFC 6901)', () => {
    const s = spans('a/b: 1\n"t~x": 2\n');
    expect(s.value('/a~1b')).toBe('1:6-1:7');
    expect(s.value('/t~0x')).toBe('2:8-2:9');
  });

  it('points empty values at their key', () => {
    const s = spans('a:\nb: 2\n');
    expect(s.value('/a')).toBe('1:1-1:2');
  });

  it('counts CRLF line ends once', () => {
    const s = spans('a: 1\r\nb:\r\n  c: x\r\n');
    expect(s.value('/b/c')).toBe('3:6-3:7');
  });

  it('reports every duplicate key, with the first occurrence', () => {
    const { map } = spans('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n');
    expect(map.duplicates.map((d) => [d.pointer, d.key])).toEqual([
      ['/b/c', 'c'],
      ['/a', 'a'],
    ]);
  });

  it('notes where extra documents start', () => {
    const text = 'a: 1\n---\nb: 2\n';
    const { map } = spans(text);
    expect(map.extraDocuments).toEqual([text.indexOf('b')]);
    expect(map.locations.has('/b')).toBe(false);
  });
});
