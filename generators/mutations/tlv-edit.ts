/**
 * Structural byte edits for `after` mutations: find a TLV by a predicate, replace, remove or insert
 * one, and every enclosing length is re-encoded (definite stays definite and minimal, indefinite
 * stays indefinite), so the result has exactly the intended defect and nothing else. Raw header
 * edits (non-minimal or overlong lengths) are separate functions that touch only what they name.
 */
import { encodeLength, concat } from '../../core/der/encode.ts';
import { readDer, type DerNode } from '../../core/der/reader.ts';

export type Path = readonly number[];

function root(bytes: Uint8Array): DerNode {
  const r = readDer(bytes, { allowTrailing: true });
  if (!r.root) throw new Error(`tlv-edit: base is not BER: ${r.defects[0]?.message}`);
  return r.root;
}

export function nodeAt(bytes: Uint8Array, path: Path): DerNode {
  let n = root(bytes);
  for (const i of path) {
    const c = n.children[i];
    if (!c) throw new Error(`tlv-edit: no child ${i} on path ${path.join('/')}`);
    n = c;
  }
  return n;
}

/** Depth-first search for the first node matching `pred`; returns its path. */
export function findPath(bytes: Uint8Array, pred: (n: DerNode, path: Path) => boolean): Path {
  const walk = (n: DerNode, path: number[]): number[] | null => {
    if (pred(n, path)) return path;
    for (let i = 0; i < n.children.length; i++) {
      const p = walk(n.children[i]!, [...path, i]);
      if (p) return p;
    }
    return null;
  };
  const p = walk(root(bytes), []);
  if (!p) throw new Error('tlv-edit: no node matches');
  return p;
}

/** All paths whose node matches `pred`, in document order. */
export function findAll(bytes: Uint8Array, pred: (n: DerNode, path: Path) => boolean): Path[] {
  const out: Path[] = [];
  const walk = (n: DerNode, path: number[]) => {
    if (pred(n, path)) out.push(path);
    n.children.forEach((c, i) => walk(c, [...path, i]));
  };
  walk(root(bytes), []);
  return out;
}

const identifierLength = (bytes: Uint8Array, n: DerNode): number => {
  if ((bytes[n.offset]! & 0x1f) !== 0x1f) return 1;
  let i = n.offset + 1;
  while (bytes[i]! & 0x80) i++;
  return i - n.offset + 1;
};

const encodingOf = (bytes: Uint8Array, n: DerNode) => bytes.subarray(n.offset, n.end);

function wrap(bytes: Uint8Array, n: DerNode, body: Uint8Array): Uint8Array {
  const id = bytes.subarray(n.offset, n.offset + identifierLength(bytes, n));
  return n.indefinite ? concat(id, Uint8Array.of(0x80), body, Uint8Array.of(0, 0)) : concat(id, encodeLength(body.length), body);
}

/** Rebuilds the tree with `edit` applied to the children list of the node at `parent`. */
function editChildren(bytes: Uint8Array, parent: Path, edit: (children: Uint8Array[]) => Uint8Array[]): Uint8Array {
  const rebuild = (n: DerNode, depth: number): Uint8Array => {
    if (depth === parent.length) return wrap(bytes, n, concat(...edit(n.children.map((c) => encodingOf(bytes, c)))));
    const i = parent[depth]!;
    const parts = n.children.map((c, k) => (k === i ? rebuild(c, depth + 1) : encodingOf(bytes, c)));
    if (i >= n.children.length) throw new Error('tlv-edit: path leaves the tree');
    return wrap(bytes, n, concat(...parts));
  };
  const r = root(bytes);
  return concat(rebuild(r, 0), bytes.subarray(r.end));
}

export function replaceNode(bytes: Uint8Array, path: Path, encoding: Uint8Array): Uint8Array {
  if (path.length === 0) return encoding;
  const i = path[path.length - 1]!;
  return editChildren(bytes, path.slice(0, -1), (cs) => cs.map((c, k) => (k === i ? encoding : c)));
}

export function removeNode(bytes: Uint8Array, path: Path): Uint8Array {
  const i = path[path.length - 1]!;
  return editChildren(bytes, path.slice(0, -1), (cs) => cs.filter((_, k) => k !== i));
}

export function insertNode(bytes: Uint8Array, parent: Path, index: number, encoding: Uint8Array): Uint8Array {
  return editChildren(bytes, parent, (cs) => [...cs.slice(0, index), encoding, ...cs.slice(index)]);
}

export function reorderChildren(bytes: Uint8Array, parent: Path, order: readonly number[]): Uint8Array {
  return editChildren(bytes, parent, (cs) => order.map((k) => cs[k]!));
}

/** Replaces the content octets of a primitive node, keeping its identifier. */
export function replaceContent(bytes: Uint8Array, path: Path, content: Uint8Array): Uint8Array {
  const n = nodeAt(bytes, path);
  const id = bytes.subarray(n.offset, n.offset + identifierLength(bytes, n));
  return replaceNode(bytes, path, concat(id, encodeLength(content.length), content));
}

/** Replaces the identifier octet of a node (wrong tag, wrong class). */
export function retagNode(bytes: Uint8Array, path: Path, identifier: number): Uint8Array {
  const n = nodeAt(bytes, path);
  const enc = Uint8Array.from(encodingOf(bytes, n));
  enc[0] = identifier;
  return replaceNode(bytes, path, enc);
}

/** The node re-encoded with its length in long form of `octets` octets (non-minimal, BER). */
export function longFormLength(bytes: Uint8Array, path: Path, octets: number): Uint8Array {
  const n = nodeAt(bytes, path);
  const id = bytes.subarray(n.offset, n.offset + identifierLength(bytes, n));
  const len: number[] = [];
  for (let v = n.length, i = 0; i < octets; i++, v = Math.floor(v / 256)) len.unshift(v % 256);
  return replaceNode(bytes, path, concat(id, Uint8Array.of(0x80 | octets, ...len), bytes.subarray(n.contentOffset, n.contentOffset + n.length)));
}

/** Writes raw bytes over the message (no length repair): for truncation-like defects. */
export function overwrite(bytes: Uint8Array, offset: number, data: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  out.set(data, offset);
  return out;
}

export const flipLastByte = (bytes: Uint8Array, n: DerNode): Uint8Array => overwrite(bytes, n.end - 1, Uint8Array.of(bytes[n.end - 1]! ^ 0x01));
