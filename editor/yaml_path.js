// Where the cursor is in a YAML document, by indentation alone: the chain of keys and list
// items from the document's root to a line, and what is being typed there. It works on
// half-typed text (where a YAML parser gives up), which is exactly when completion is asked.
// Flow style (`{a: 1}`, `[x]`) and quoted keys are not followed: completion then offers nothing.

/** The tokens of one line: the columns of its list dashes and its key (if it has one). */
export function tokens(line) {
  const indent = line.length - line.trimStart().length;
  let col = indent;
  const dashes = [];
  while (line[col] === "-" && (line[col + 1] === " " || col + 1 === line.length)) {
    dashes.push(col);
    col += 1;
    while (line[col] === " ") col += 1;
  }
  const rest = line.slice(col);
  const match = /^([A-Za-z0-9_$.\/-][^:#]*?)\s*:(\s|$)/.exec(rest);
  const key = match ? { col, name: match[1] } : null;
  const blank = rest.trim() === "" || rest.startsWith("#");
  return { indent, dashes, key, blank: blank && dashes.length === 0 };
}

/** The line range of the document (between `---` markers) that holds line `n` (0-based). */
export function documentRange(lines, n) {
  let start = n;
  while (start > 0 && !isMarker(lines[start - 1])) start -= 1;
  let end = n;
  while (end + 1 < lines.length && !isMarker(lines[end + 1])) end += 1;
  return { start, end };
}

function isMarker(line) {
  return /^(---|\.\.\.)(\s|$)/.test(line);
}

/**
 * The parents of a node at column `col` on line `n` (0-based): a list of segments from the
 * root, each a key name or `[]` (an item of a list). `isDash` says the node is a list dash
 * (whose parent key may sit at the same column) rather than a key.
 */
export function parents(lines, n, col, isDash, start = documentRange(lines, n).start) {
  const out = [];
  for (let i = n - 1; i >= start; i -= 1) {
    const t = tokens(lines[i]);
    if (t.blank) continue;
    // Walk the line's tokens from the innermost: its key, then its dashes.
    if (t.key && (isDash ? t.key.col <= col : t.key.col < col)) {
      out.push(t.key.name);
      col = t.key.col;
      isDash = false;
    } else if (!t.key && t.dashes.length === 0 && t.indent < col) {
      // A plain scalar line less indented than us: we are in a block scalar's text, or lost.
      return null;
    } else if (!(t.dashes.some((d) => d < col) || (t.key && t.key.col < col))) {
      continue;
    }
    for (let d = t.dashes.length - 1; d >= 0; d -= 1) {
      if (t.dashes[d] < col) {
        out.push("[]");
        col = t.dashes[d];
        isDash = true;
      }
    }
    if (col === 0 && !isDash) break;
  }
  return out.reverse();
}

/**
 * What is being typed at `offset` in `text`:
 * - `{ kind: "key", path, prefix, from, indent }`: a key at `from`, `path` its parent;
 * - `{ kind: "value", path, key, prefix, from }`: the value of `key`, `path` including the key;
 * - null elsewhere (comments, block scalars, flow style).
 */
export function contextAt(text, offset) {
  const lines = text.split("\n");
  let n = 0;
  let lineStart = 0;
  while (n < lines.length - 1 && lineStart + lines[n].length < offset) {
    lineStart += lines[n].length + 1;
    n += 1;
  }
  const before = lines[n].slice(0, offset - lineStart);
  const start = documentRange(lines, n).start;
  const keyMatch = /^(\s*)((?:-\s+)*)([A-Za-z0-9_$.\/-]*)$/.exec(before);
  if (keyMatch) {
    const prefix = keyMatch[3];
    const col = before.length - prefix.length;
    const own = tokens(before);
    // The dashes on this line open list items: the key belongs to the innermost.
    let path = parents(lines, n, own.dashes.length ? own.dashes[0] : col, own.dashes.length > 0, start);
    if (path === null) return null;
    path = path.concat(own.dashes.map(() => "[]"));
    return { kind: "key", path, prefix, from: lineStart + col, col, line: n };
  }
  const valueMatch = /^(\s*)((?:-\s+)*)([A-Za-z0-9_$.\/-][^:#]*?)\s*:\s+([^\s#]*)$/.exec(before);
  if (valueMatch) {
    const prefix = valueMatch[4];
    const own = tokens(before);
    if (!own.key) return null;
    let path = parents(lines, n, own.dashes.length ? own.dashes[0] : own.key.col, own.dashes.length > 0, start);
    if (path === null) return null;
    path = path.concat(own.dashes.map(() => "[]"), [own.key.name]);
    return { kind: "value", path, key: own.key.name, prefix, from: offset - prefix.length, line: n };
  }
  return null;
}

/** The path of the key on line `n` (0-based), including the key, or null when it has none. */
export function keyPathAt(lines, n) {
  const own = tokens(lines[n]);
  if (!own.key) return null;
  const path = parents(lines, n, own.dashes.length ? own.dashes[0] : own.key.col, own.dashes.length > 0);
  if (path === null) return null;
  return { path: path.concat(own.dashes.map(() => "[]"), [own.key.name]), key: own.key };
}

/** The keys already present beside a key at column `col` on line `n` (same mapping). */
export function siblingKeys(lines, n, col) {
  const { start, end } = documentRange(lines, n);
  const keys = new Set();
  // Up to the mapping's first line (a line with a token left of `col` ends it; a dash at
  // `col - 2`… left of `col` opens the item this mapping belongs to, and its key counts).
  for (let i = n - 1; i >= start; i -= 1) {
    const t = tokens(lines[i]);
    if (t.blank) continue;
    if (t.key && t.key.col === col) keys.add(t.key.name);
    const left = t.dashes.some((d) => d < col) || (t.key && t.key.col < col) || (!t.key && t.indent < col);
    if (left) break;
  }
  for (let i = n + 1; i <= end; i += 1) {
    const t = tokens(lines[i]);
    if (t.blank) continue;
    if (t.dashes.some((d) => d < col) || (t.key && t.key.col < col) || (!t.key && t.indent < col)) break;
    if (t.key && t.key.col === col) keys.add(t.key.name);
  }
  return keys;
}

/** The top-level `kind:` and `apiVersion:` of the document holding line `n`. */
export function documentKind(lines, n) {
  const { start, end } = documentRange(lines, n);
  let kind = null;
  let apiVersion = null;
  for (let i = start; i <= end; i += 1) {
    const m = /^(kind|apiVersion):\s*["']?([^\s"'#]+)/.exec(lines[i]);
    if (m && m[1] === "kind") kind = m[2];
    if (m && m[1] === "apiVersion") apiVersion = m[2];
  }
  return { kind, apiVersion };
}
