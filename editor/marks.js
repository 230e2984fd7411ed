// Diagnostics in the code editor: an underline at each one's range (its message on hover)
// and a marker in a gutter on its line, the most serious diagnostic of the line winning.
// A small stand-in for @codemirror/lint (5 KB gzip saved from the first load); the
// Problems list beside the editor is the full, keyboard-reachable list.

import { RangeSet, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, GutterMarker, gutter } from "@codemirror/view";

const RANK = { error: 3, warning: 2, info: 1 };

/** Replaces the diagnostics: `[{ from, to, severity, message }]`. */
export const setMarks = StateEffect.define();

class Marker extends GutterMarker {
  constructor(severity, message) {
    super();
    this.severity = severity;
    this.message = message;
  }
  eq(other) {
    return other.severity === this.severity && other.message === this.message;
  }
  toDOM() {
    const dom = document.createElement("div");
    dom.className = `cm-lint-marker cm-lint-marker-${this.severity}`;
    dom.title = this.message;
    return dom;
  }
}

function build(doc, diagnostics) {
  const sorted = [...diagnostics].sort((a, b) => a.from - b.from || a.to - b.to);
  const underlines = [];
  const byLine = new Map();
  for (const d of sorted) {
    if (d.to > d.from) {
      const mark = Decoration.mark({ class: `cm-lintRange cm-lintRange-${d.severity}`, attributes: { title: d.message } });
      underlines.push(mark.range(d.from, d.to));
    }
    const line = doc.lineAt(d.from).from;
    const seen = byLine.get(line);
    if (!seen || RANK[d.severity] > RANK[seen.severity]) byLine.set(line, d);
  }
  const markers = [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([at, d]) => new Marker(d.severity, d.message).range(at));
  return { underlines: Decoration.set(underlines, true), markers: RangeSet.of(markers) };
}

const marksField = StateField.define({
  create: () => ({ underlines: Decoration.none, markers: RangeSet.empty }),
  update(value, tr) {
    let next = tr.docChanged
      ? { underlines: value.underlines.map(tr.changes), markers: value.markers.map(tr.changes) }
      : value;
    for (const effect of tr.effects) if (effect.is(setMarks)) next = build(tr.state.doc, effect.value);
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.underlines),
});

/** The extension: the underlines and their gutter. */
export function diagnosticMarks() {
  return [
    marksField,
    gutter({ class: "cm-gutter-lint", markers: (view) => view.state.field(marksField).markers }),
  ];
}
