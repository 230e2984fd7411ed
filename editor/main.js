// podplay's code editor: CodeMirror 6 with YAML, wired to the core's report.
// Bundled offline by scripts/build-editor.mjs (esbuild) into dist/editor.js and loaded lazily
// by src/components/editor.rs once the page is up; the plain <textarea> stands in until then.
// The schema-aware help (help.js: completion, field docs, search) is a second chunk, loaded
// when the person first focuses or touches the editor.
//
// mount(host, textarea, onChange) takes over from the textarea: same text, same selection.
// The returned handle is what the Rust side calls (setText, setReport, jump, …).

import { Compartment, EditorState, EditorSelection } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  highlightSpecialChars,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import {
  StreamLanguage,
  bracketMatching,
  codeFolding,
  foldGutter,
  foldKeymap,
  foldService,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
  HighlightStyle,
} from "@codemirror/language";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";
import { tags } from "@lezer/highlight";
import { diagnosticMarks, setMarks } from "./marks.js";

// Colours come from the page's own CSS variables, so light and dark follow static/style.css.
const theme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--panel)", color: "var(--text)" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "var(--line-height)" },
  ".cm-content": { caretColor: "var(--text)", padding: "var(--editor-pad) 0" },
  ".cm-gutters": { backgroundColor: "var(--gutter)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--accent) 7%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 14%, transparent)", color: "var(--text)" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--text)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in srgb, var(--accent) 28%, transparent) !important",
  },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--text)", border: "1px solid var(--border)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--accent)", color: "var(--accent-text)" },
  ".cm-panels": { backgroundColor: "var(--gutter)", color: "var(--text)" },
  ".cm-panels-bottom": { borderTop: "1px solid var(--border)" },
  ".cm-gutter-lint": { width: "13px" },
  ".cm-gutter-lint .cm-gutterElement": { padding: "0 2px", display: "flex", alignItems: "center" },
  ".cm-lint-marker": { width: "9px", height: "9px", borderRadius: "50%" },
  ".cm-lint-marker-error": { backgroundColor: "var(--error)" },
  ".cm-lint-marker-warning": { backgroundColor: "var(--warning)", borderRadius: "1px", transform: "rotate(45deg) scale(0.85)" },
  ".cm-lint-marker-info": { backgroundColor: "var(--info)" },
  ".cm-lintRange-error": { backgroundImage: "none", textDecoration: "wavy underline var(--error)", textUnderlineOffset: "3px" },
  ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: "wavy underline var(--warning)", textUnderlineOffset: "3px" },
  ".cm-lintRange-info": { backgroundImage: "none", textDecoration: "underline dotted var(--info)", textUnderlineOffset: "3px" },
  ".cm-searchMatch": { backgroundColor: "var(--hl)" },
});

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: "var(--by-default)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--text)" },
  { tag: [tags.number, tags.bool, tags.null, tags.keyword], color: "var(--by-admission)" },
  { tag: [tags.comment, tags.meta], color: "var(--muted)", fontStyle: "italic" },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: "var(--muted)" },
  { tag: tags.labelName, color: "var(--by-other)" },
]);

/** 1-based line and column (columns count characters, as the core does) → a document offset. */
function offsetOf(doc, line, col) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  let offset = l.from;
  let chars = 1;
  for (const ch of l.text) {
    if (chars >= col) break;
    offset += ch.length;
    chars += 1;
  }
  return Math.min(offset, l.to);
}

/** The range a diagnostic underlines: the key at its position, else the rest of its line. */
function rangeOf(doc, line, col) {
  const from = offsetOf(doc, line, col);
  const l = doc.lineAt(from);
  const rest = l.text.slice(from - l.from);
  const key = /^[^\s:#][^:#]*?(?=:(\s|$))/.exec(rest);
  if (key) return { from, to: from + key[0].length };
  const content = rest.replace(/\s+#.*$/, "").trimEnd();
  return { from, to: from + Math.max(content.length, 0) };
}

/** Folding by indentation: a line folds the lines below it that are indented deeper (and a
 * key's list items, which YAML lets sit at the key's own indentation). */
const indentFold = foldService.of((state, lineStart) => {
  const line = state.doc.lineAt(lineStart);
  const indent = line.text.search(/\S/);
  if (indent < 0 || line.text.trimStart().startsWith("#")) return null;
  const opensList = /:\s*$/.test(line.text);
  let end = line.to;
  for (let n = line.number + 1; n <= state.doc.lines && n - line.number < 5000; n += 1) {
    const next = state.doc.line(n);
    const i = next.text.search(/\S/);
    if (i < 0) continue;
    if (i > indent || (opensList && i === indent && next.text.startsWith("- ", i))) end = next.to;
    else break;
  }
  return end > line.to ? { from: line.to, to: end } : null;
});

export function mount(host, textarea, onChange) {
  const text = textarea.value;
  const anchor = Math.min(textarea.selectionStart ?? 0, text.length);
  const head = Math.min(textarea.selectionEnd ?? anchor, text.length);
  let silent = false;
  const helpSlot = new Compartment();
  let version = null;
  let changes = [];
  let help = null; // the help module, once loaded
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: text,
      selection: EditorSelection.single(anchor, head),
      extensions: [
        lineNumbers(),
        foldGutter(),
        diagnosticMarks(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        codeFolding(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of("  "),
        EditorState.tabSize.of(2),
        bracketMatching(),
        highlightActiveLine(),
        StreamLanguage.define(yaml),
        indentFold,
        syntaxHighlighting(highlight),
        helpSlot.of([]),
        theme,
        // Embeds with &readonly=1: the textarea says so (its text stays selectable).
        EditorState.readOnly.of(textarea.readOnly),
        EditorView.contentAttributes.of({
          "aria-label": "Pod YAML",
          // Focusable by its own attribute, not only as contenteditable: axe's
          // scrollable-region-focusable rule then sees that the scrolling editor is reachable by
          // keyboard (it is one tab stop either way).
          tabindex: "0",
          autocapitalize: "off",
          autocorrect: "off",
          spellcheck: "false",
        }),
        keymap.of([
          ...defaultKeymap,
          ...historyKeymap,
          ...foldKeymap,
          // Tab indents; Escape then Tab leaves the editor (CodeMirror's accessible tab handling).
          indentWithTab,
        ]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !silent) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  const hadFocus = document.activeElement === textarea;
  if (hadFocus) view.focus();

  // The help chunk: on the first focus or touch (already now if the textarea had focus).
  let loading = null;
  const loadHelp = () => {
    loading ??= import("./help.js").then((m) => {
      help = m;
      if (version) m.setVersion(version);
      m.setChanges(changes);
      view.dispatch({ effects: helpSlot.reconfigure(m.extensions()) });
    });
    return loading;
  };
  if (hadFocus) loadHelp();
  else {
    view.contentDOM.addEventListener("focus", loadHelp, { once: true });
    view.dom.addEventListener("pointerdown", loadHelp, { once: true });
  }

  return {
    view,
    /** Replaces the text (an example, undo) — one undoable step; no change event back. */
    setText(next) {
      if (view.state.doc.toString() === next) return;
      silent = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
      silent = false;
    },
    getText() {
      return view.state.doc.toString();
    },
    /**
     * The report: diagnostics as [line, col, severity, message] (1-based), its Kubernetes
     * version, and the server's changes as [path, JSON value, rule, why, doc url].
     */
    setReport(list, next_version, next_changes) {
      changes = next_changes ?? [];
      if (help) help.setChanges(changes);
      if (next_version && next_version !== version) {
        version = next_version;
        if (help) {
          help.setVersion(version);
          view.dispatch({}); // refresh the field panel
        }
      }
      const doc = view.state.doc;
      const diagnostics = [];
      for (const [line, col, severity, message] of list) {
        // Past the end (a YAML error "at" the line after the last): the end of the text.
        const { from, to } = line > doc.lines ? { from: doc.length, to: doc.length } : rangeOf(doc, line, col);
        diagnostics.push({ from, to, severity, message });
      }
      view.dispatch({ effects: setMarks.of(diagnostics) });
    },
    /** Puts the cursor at a 1-based line and column and scrolls it into view. */
    jump(line, col) {
      const pos = offsetOf(view.state.doc, line, col);
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      view.focus();
    },
    focus() {
      view.focus();
    },
    /** Resolves when the schema help has loaded (tests wait for it). */
    loadHelp,
  };
}
