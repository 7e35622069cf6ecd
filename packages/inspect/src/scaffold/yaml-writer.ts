import { Document, isCollection, isMap, isNode, isScalar } from 'yaml';

/** Where a comment or a style goes in the written plan: a path of keys and indexes. */
export type Path = readonly (string | number)[];

/** A comment before or after a node, or flow style (`{ a: 1 }`, `[a, b]`) for a small one. */
export interface Note {
  path: Path;
  before?: string;
  after?: string;
  flow?: boolean;
}

/** Collects the notes of a plan as its sections are built. */
export class Notes {
  readonly list: Note[] = [];

  add(path: Path, note: Omit<Note, 'path'>): void {
    this.list.push({ path, ...note });
  }

  /** Flow style for each of these paths. */
  flow(...paths: Path[]): void {
    for (const path of paths) this.add(path, { flow: true });
  }
}

/**
 * Writes a plan built as plain data as a YAML document, with its comments and the flow style
 * asked for small collections. Writing goes through the `yaml` package's Document API; reading
 * plans stays with js-yaml.
 */
export function writeYaml(
  value: object,
  notes: readonly Note[],
  header: string,
  sections: ReadonlySet<string> = new Set(),
): string {
  // A list the builder shares between places (the flow steps every step supports) is written out
  // at each place: a plan a person edits has no YAML anchors and aliases.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = header;
  // A blank line before each of the named top-level sections.
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items)
      if (isScalar(pair.key) && sections.has(String(pair.key.value))) pair.key.spaceBefore = true;
  }
  for (const note of notes) {
    const node: unknown = note.path.length ? doc.getIn(note.path, true) : doc.contents;
    if (!isNode(node)) continue;
    if (note.flow && isCollection(node)) node.flow = true;
    if (note.before) node.commentBefore = note.before;
    if (note.after) node.comment = note.after;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
