// Schema-aware help over the data the core generates at build time
// (crates/podplay-core/examples/editor_schema.rs): the Go type behind a YAML path, the field
// names a mapping accepts, the values an enum field accepts in a version, and a field's
// documentation in the spirit of `kubectl explain` (type, accepted values, default and why).

const SCALARS = new Set(["string", "bool", "int", "int32", "int64", "uint16", "uint32", "uint64", "float64", "byte"]);

/** Strips `*` from a Go type expression. */
function deref(t) {
  while (t.startsWith("*")) t = t.slice(1);
  return t;
}

/** The value type of `map[K]V` (V), respecting nested brackets. */
function mapValue(t) {
  let depth = 0;
  for (let i = 3; i < t.length; i += 1) {
    if (t[i] === "[") depth += 1;
    if (t[i] === "]") {
      depth -= 1;
      if (depth === 0) return t.slice(i + 1);
    }
  }
  return null;
}

export class SchemaHelp {
  constructor(data) {
    this.data = data;
    this.version = data.versions[data.versions.length - 1];
  }

  /** The server's changes to the current pod: `[path, JSON value, rule, why, doc url]` rows. */
  setChanges(rows) {
    this.live = new Map();
    for (const [path, value, rule, why, url] of rows) {
      const key = path.replace(/\[[^\]]*\]/g, "[]");
      if (this.live.has(key)) continue;
      let parsed;
      try {
        parsed = JSON.parse(value);
      } catch {
        parsed = value;
      }
      this.live.set(key, [parsed, rule, why, url || null, true]);
    }
  }

  setVersion(version) {
    if (this.data.versions.includes(version)) this.version = version;
  }

  /** The Go type of a top-level kind (a Pod when the document does not say). */
  rootType(kind, apiVersion) {
    const kinds = this.data.kinds;
    const match =
      kinds.find(([k, v]) => k === kind && v === apiVersion) ?? kinds.find(([k]) => k === kind) ?? kinds.find(([k]) => k === "Pod");
    return { kind: match[0], goType: match[2] };
  }

  /** Follows named types to a struct's field list, or null. */
  fields(goType) {
    let t = deref(goType);
    for (let i = 0; i < 8; i += 1) {
      const def = this.data.types[t];
      if (Array.isArray(def)) return def;
      if (typeof def !== "string") return null;
      t = deref(def);
    }
    return null;
  }

  /** The underlying type of a named type (`v1.RestartPolicy` → `string`). */
  underlying(goType) {
    let t = deref(goType);
    for (let i = 0; i < 8 && typeof this.data.types[t] === "string"; i += 1) t = deref(this.data.types[t]);
    return t;
  }

  /**
   * Resolves a path of segments (keys and `[]`) from a root type. Returns the Go type at the
   * end, the field declaration that led there, and the path as a Pod sees it (a workload's
   * template resets it, so `spec.template.spec.x` of a Deployment is the Pod's `spec.x`).
   */
  resolve(rootType, path) {
    let t = rootType;
    let podPath = [];
    let field = null;
    for (const seg of path) {
      t = deref(t);
      if (t === "v1.PodTemplateSpec") podPath = [];
      if (seg === "[]") {
        if (t.startsWith("[]")) t = t.slice(2);
        else if (this.underlying(t).startsWith("[]")) t = this.underlying(t).slice(2);
        else return null;
        podPath.push("[]");
        continue;
      }
      const fields = this.fields(t);
      if (fields) {
        const f = fields.find(([name]) => name === seg);
        if (!f) return null;
        field = f;
        t = f[1];
        podPath.push(seg);
        continue;
      }
      const under = this.underlying(t);
      if (under.startsWith("map[")) {
        t = mapValue(under);
        field = null;
        podPath.push("[]");
        continue;
      }
      return null;
    }
    return { goType: deref(t), field, podPath };
  }

  /** `["spec", "containers", "[]", "image"]` → `spec.containers[].image` (the generator's form). */
  static pattern(podPath) {
    let out = "";
    for (const seg of podPath) out += seg === "[]" ? "[]" : (out ? "." : "") + seg;
    return out;
  }

  /** The values a field of this Go type accepts in the chosen version (validation's list). */
  enumValues(goType) {
    const t = deref(goType);
    const values = this.data.enums[this.version]?.[t];
    if (values) return values;
    if (this.underlying(t) === "bool") return ["true", "false"];
    return null;
  }

  /** Whether the API server drops this Pod field in the chosen version (its gate is off). */
  dropped(podPath) {
    return (this.data.dropped[this.version] ?? []).includes(SchemaHelp.pattern(podPath));
  }

  /**
   * What the server sets this Pod field to: `[value, rule, why, doc url, here]` — from the
   * current pod's report when it changed the field there (`here`), else a default the core
   * applied to a gallery example — or null.
   */
  defaultOf(podPath) {
    const key = SchemaHelp.pattern(podPath);
    return this.live?.get(key) ?? this.data.defaults[key] ?? null;
  }

  /** How a Go type reads to a person: `v1.RestartPolicy (string)`, `[]v1.Container`, `map[string]string`. */
  describeType(goType) {
    const under = this.underlying(goType);
    if (under !== deref(goType) && (SCALARS.has(under) || under.startsWith("map[") || under.startsWith("[]"))) {
      return `${deref(goType)} (${under})`;
    }
    if (this.fields(goType)) return `${deref(goType)} (object)`;
    return deref(goType);
  }

  /** The field names a mapping of this type accepts, with their types. */
  fieldOptions(goType, podPathOf) {
    const fields = this.fields(goType);
    if (!fields) return [];
    return fields.map(([name, type]) => ({
      name,
      type,
      dropped: podPathOf ? this.dropped(podPathOf(name)) : false,
    }));
  }

  /**
   * The documentation of a field in the spirit of `kubectl explain`: its name and type, the
   * values validation accepts, the default the core applies and why, and whether this
   * version's API server drops it. Returns plain data; the editor renders it.
   */
  explain(kind, path) {
    const root = this.rootType(kind.kind, kind.apiVersion);
    const r = this.resolve(root.goType, path);
    if (!r || !r.field) return null;
    const [name, type] = r.field;
    const doc = {
      title: `${root.kind}.${SchemaHelp.pattern(path.map((s) => s))}`,
      field: name,
      type: this.describeType(type),
      values: this.enumValues(type),
      fields: null,
      defaulted: this.defaultOf(r.podPath),
      dropped: this.dropped(r.podPath),
      version: this.version,
    };
    const sub = this.fields(type.startsWith("[]") || type.startsWith("*[]") ? deref(type).slice(2) : type);
    if (sub) doc.fields = sub.map(([n]) => n);
    return doc;
  }
}
