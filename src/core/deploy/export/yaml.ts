/**
 * A small YAML emitter for manifests: block mappings and sequences, every string
 * double-quoted with JSON escapes (a JSON string is a valid YAML double-quoted scalar, so no
 * value can be misread as a number, boolean or null), numbers and booleans bare, and optional
 * comments after chosen keys. Keys are plain identifiers as Kubernetes uses them.
 */

/** A value the emitter writes. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** Comments to write after a key, by dotted path ("spec.predictor.model.storageUri"). */
export type YamlComments = Record<string, string>;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Emits `value` (a mapping at the top) as block YAML, with `header` lines as leading comments. */
export function toYaml(value: { [key: string]: YamlValue }, opts: { comments?: YamlComments; header?: string[] } = {}): string {
  const lines: string[] = (opts.header ?? []).map((h) => (h ? `# ${h}` : '#'));
  emitMap(value, 0, '', opts.comments ?? {}, lines);
  return lines.join('\n') + '\n';
}

function isMap(v: YamlValue): v is { [key: string]: YamlValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function key(k: string): string {
  return PLAIN_KEY.test(k) ? k : JSON.stringify(k);
}

function scalar(v: YamlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as YAML`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isMap(v) && Object.keys(v).length === 0) return '{}';
  throw new Error('not a scalar');
}

const isBlock = (v: YamlValue) => (Array.isArray(v) && v.length > 0) || (isMap(v) && Object.keys(v).length > 0);

function withComment(line: string, comment: string | undefined): string {
  return comment ? `${line}  # ${comment.replace(/\n/g, ' ')}` : line;
}

function emitMap(m: { [key: string]: YamlValue }, depth: number, pathPrefix: string, comments: YamlComments, out: string[], firstPrefix?: string): void {
  const pad = '  '.repeat(depth);
  Object.entries(m).forEach(([k, v], i) => {
    const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : pad;
    const p = pathPrefix ? `${pathPrefix}.${k}` : k;
    if (isBlock(v)) {
      out.push(withComment(`${lead}${key(k)}:`, comments[p]));
      if (Array.isArray(v)) emitSeq(v, depth + 1, p, comments, out);
      else emitMap(v as { [key: string]: YamlValue }, depth + 1, p, comments, out);
    } else {
      out.push(withComment(`${lead}${key(k)}: ${scalar(v)}`, comments[p]));
    }
  });
}

function emitSeq(s: YamlValue[], depth: number, pathPrefix: string, comments: YamlComments, out: string[]): void {
  const pad = '  '.repeat(depth);
  s.forEach((v, i) => {
    const p = `${pathPrefix}.${i}`;
    if (isMap(v) && Object.keys(v).length > 0) emitMap(v, depth + 1, p, comments, out, `${pad}- `);
    else if (isBlock(v)) {
      out.push(`${pad}-`);
      emitSeq(v as YamlValue[], depth + 1, p, comments, out);
    } else out.push(withComment(`${pad}- ${scalar(v)}`, comments[p]));
  });
}
