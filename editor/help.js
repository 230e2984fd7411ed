// The editor's schema-aware help, loaded when the person first focuses or touches the editor
// (not with the page: it stays out of the first load's size budget): completion of field
// names and accepted values, field documentation on hover and for the field at the cursor,
// search and replace, auto-closed brackets. Data: the core's schema (podplay:schema).

import { Prec } from "@codemirror/state";
import { hoverTooltip, keymap, showPanel } from "@codemirror/view";
import { search, searchKeymap, highlightSelectionMatches } from "@codemirror/search";
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import schemaData from "podplay:schema";
import { SchemaHelp } from "./schema_help.js";
import { contextAt, documentKind, keyPathAt, siblingKeys } from "./yaml_path.js";

const help = new SchemaHelp(schemaData);

// Schema help reads the whole text on each cursor move; above this size it stays quiet.
const BIG = 200_000;

export function setVersion(version) {
  help.setVersion(version);
}

/** The server's changes to the current pod: their reasons beat the gallery's examples. */
export function setChanges(changes) {
  help.setChanges(changes);
}

/** The document's lines and the kind of the document holding line `n`. */
function where(state, pos) {
  const lines = state.doc.toString().split("\n");
  const n = state.doc.lineAt(pos).number - 1;
  return { lines, n, kind: documentKind(lines, n) };
}

/** Completion: field names where a key is typed, accepted values where a value is. */
function complete(context) {
  if (context.state.doc.length > BIG) return null;
  const text = context.state.doc.toString();
  const at = contextAt(text, context.pos);
  if (!at) return null;
  const lines = text.split("\n");
  const kind = documentKind(lines, at.line);
  if (at.kind === "key") {
    if (!at.prefix && !context.explicit) return null;
    const root = help.rootType(kind.kind, kind.apiVersion);
    const parent = help.resolve(root.goType, at.path);
    if (!parent) return null;
    let goType = parent.goType;
    const present = siblingKeys(lines, at.line, at.col);
    const options = help
      .fieldOptions(goType, (name) => parent.podPath.concat(name))
      .filter((f) => !present.has(f.name))
      .map((f) => {
        const under = help.underlying(f.type);
        const struct = help.fields(f.type) || under.startsWith("map[");
        const list = under.startsWith("[]") && under !== "[]uint8";
        const pad = " ".repeat(at.col);
        // Objects and maps open an indented block, lists a first item, scalars a value.
        const insert = list ? `${f.name}:\n${pad}- ` : struct ? `${f.name}:\n${pad}  ` : `${f.name}: `;
        return {
          label: f.name,
          detail: help.describeType(f.type) + (f.dropped ? ` — dropped in ${help.version}` : ""),
          type: "property",
          apply: insert,
          boost: f.dropped ? -1 : 0,
          info: () => renderDoc(help.explain(kind, at.path.concat(f.name))),
        };
      });
    return { from: at.from, options, validFor: /^[A-Za-z0-9_$.\/-]*$/ };
  }
  // A value: the kinds podplay reads, their API versions, an enum's accepted values, booleans.
  let values = null;
  if (at.path.length === 1 && at.key === "kind") values = [...new Set(help.data.kinds.map(([k]) => k))];
  else if (at.path.length === 1 && at.key === "apiVersion") {
    values = [...new Set(help.data.kinds.filter(([k]) => !kind.kind || k === kind.kind).map(([, v]) => v))];
  } else {
    const root = help.rootType(kind.kind, kind.apiVersion);
    const r = help.resolve(root.goType, at.path);
    if (r) values = help.enumValues(r.goType);
  }
  if (!values) return null;
  return {
    from: at.from,
    options: values.map((v) => ({ label: v, type: "enum", detail: at.key })),
    validFor: /^[^\s#]*$/,
  };
}

/** A field's documentation as DOM (kubectl-explain style), or null. */
function renderDoc(doc) {
  if (!doc) return null;
  const box = document.createElement("div");
  box.className = "cm-fielddoc";
  const head = box.appendChild(document.createElement("div"));
  head.className = "fd-head";
  const name = head.appendChild(document.createElement("b"));
  name.textContent = doc.field;
  head.append(` <${doc.type}>`);
  const line = (label, text) => {
    const p = box.appendChild(document.createElement("div"));
    const l = p.appendChild(document.createElement("span"));
    l.className = "fd-label";
    l.textContent = label + " ";
    p.append(text);
    return p;
  };
  line("FIELD:", doc.title);
  if (doc.values) line(`Accepted values (${doc.version}):`, doc.values.join(", "));
  if (doc.fields) line("Fields:", doc.fields.slice(0, 12).join(", ") + (doc.fields.length > 12 ? `, … (${doc.fields.length})` : ""));
  if (doc.defaulted) {
    const [value, rule, why, url, here] = doc.defaulted;
    const label = here ? "Set by the server here:" : "Default (in an example pod):";
    const shown = value === null ? "removed" : typeof value === "string" ? value : JSON.stringify(value);
    const p = line(label, `${shown} — ${why} (${rule})`);
    if (url) {
      p.append(" ");
      const a = p.appendChild(document.createElement("a"));
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.textContent = "docs";
    }
  }
  if (doc.dropped) line("Kubernetes " + doc.version + ":", "a feature gate is off, so the API server drops this field.");
  return box;
}

/** The documentation of the key on the line at `pos`, or null. */
function docAt(state, pos) {
  if (state.doc.length > BIG) return null;
  const { lines, n, kind } = where(state, pos);
  const at = keyPathAt(lines, n);
  if (!at) return null;
  return { doc: help.explain(kind, at.path), line: state.doc.line(n + 1), key: at.key };
}

const fieldHover = hoverTooltip((view, pos) => {
  const found = docAt(view.state, pos);
  if (!found || !found.doc) return null;
  const from = found.line.from + found.key.col;
  const to = from + found.key.name.length;
  if (pos < from || pos > to) return null;
  return { pos: from, end: to, above: true, create: () => ({ dom: renderDoc(found.doc) }) };
});

// The field at the cursor, documented in a panel under the editor: keyboard and touch
// users get the same help as hover (screen readers can read it; it is not a live region).
function docPanel(view) {
  const dom = document.createElement("div");
  dom.className = "cm-docpanel";
  dom.setAttribute("role", "region");
  dom.setAttribute("aria-label", "Field at cursor");
  let shown = null;
  const update = (v) => {
    const found = docAt(v.state, v.state.selection.main.head);
    const doc = found?.doc ?? null;
    const key = doc ? `${doc.title}|${doc.version}` : "";
    if (key === shown) return;
    shown = key;
    dom.replaceChildren(renderDoc(doc) ?? hint());
  };
  const hint = () => {
    const span = document.createElement("span");
    span.className = "fd-label";
    span.textContent = "Put the cursor on a field to see what it is; Ctrl-Space completes.";
    return span;
  };
  update(view);
  return {
    dom,
    update(u) {
      if (u.transactions.length) update(u.view);
    },
  };
}

/** The extensions the help adds to a running editor. */
export function extensions() {
  return [
    autocompletion({ override: [complete], icons: false }),
    closeBrackets(),
    search({ top: true }),
    highlightSelectionMatches(),
    fieldHover,
    showPanel.of(docPanel),
    Prec.high(keymap.of([...closeBracketsKeymap, ...searchKeymap, ...completionKeymap])),
  ];
}
