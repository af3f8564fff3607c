/**
 * The protobuf text format, the subset Triton's config.pbtxt uses: scalar fields
 * (`name: "x"`, `max_batch_size: 8`, `kind: KIND_CPU`), messages (`dynamic_batching { }`) and
 * lists (`dims: [ 30 ]`, `input [ { … }, { … } ]`), with `#` comments. A writer, and a parser
 * to read back what the writer produced: the round trip is how an export checks its syntax.
 * Without a schema the parser cannot tell an enum from a bare word, so enums are typed here.
 */

/** An enum value (written bare, e.g. TYPE_FP32), as opposed to a quoted string. */
export class PbEnum {
  constructor(readonly name: string) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`'${name}' is not a protobuf enum identifier`);
  }
}

/** A field value. Arrays are repeated fields. */
export type PbValue = string | number | boolean | PbEnum | PbMessage | PbValue[];
/** A message: field name → value, in the order written. */
export interface PbMessage {
  [field: string]: PbValue;
}

/** Thrown when text is not valid for the subset; names the line and column. */
export class PbtxtSyntaxError extends Error {}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Writes a message in the text format, two-space indented, lists in brackets. */
export function writePbtxt(message: PbMessage): string {
  return writeFields(message, '') + '\n';
}

function writeFields(m: PbMessage, indent: string): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(m)) {
    if (!IDENT.test(key)) throw new Error(`'${key}' is not a protobuf field name`);
    lines.push(indent + writeField(key, value, indent));
  }
  return lines.join('\n');
}

function writeField(key: string, value: PbValue, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${key}: [ ]`;
    if (value.every((v) => isMessage(v))) {
      const inner = indent + '  ';
      const items = value.map((v) => `${inner}{\n${writeFields(v as PbMessage, inner + '  ')}\n${inner}}`);
      return `${key} [\n${items.join(',\n')}\n${indent}]`;
    }
    if (value.some((v) => isMessage(v) || Array.isArray(v))) throw new Error(`field '${key}' mixes messages and scalars`);
    return `${key}: [ ${value.map(scalar).join(', ')} ]`;
  }
  if (isMessage(value)) {
    const body = writeFields(value, indent + '  ');
    return body === '' ? `${key} { }` : `${key} {\n${body}\n${indent}}`;
  }
  return `${key}: ${scalar(value)}`;
}

function isMessage(v: PbValue): v is PbMessage {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof PbEnum);
}

function scalar(v: PbValue): string {
  if (v instanceof PbEnum) return v.name;
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} in config text`);
    return String(v);
  }
  throw new Error('not a scalar');
}

/** C-style escapes, as the text format reads them. */
function quote(s: string): string {
  const esc = s.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
  return `"${esc}"`;
}

// ---- parser ---------------------------------------------------------------------------------

type Token = { kind: 'ident' | 'string' | 'number' | 'punct'; text: string; value?: string | number; line: number; col: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (why: string): never => {
    throw new PbtxtSyntaxError(`line ${line}, column ${i - lineStart + 1}: ${why}`);
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') { line++; i++; lineStart = i; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    const at = { line, col: i - lineStart + 1 };
    if ('{}[]:,;'.includes(c)) { tokens.push({ kind: 'punct', text: c, ...at }); i++; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let out = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\n') fail('newline inside a string');
        if (text[j] === '\\') {
          const e = text[j + 1];
          const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', "'": "'" };
          if (!(e in map)) fail(`unsupported escape \\${e}`);
          out += map[e];
          j += 2;
        } else out += text[j++];
      }
      if (j >= text.length) fail('unterminated string');
      tokens.push({ kind: 'string', text: text.slice(i, j + 1), value: out, ...at });
      i = j + 1;
      continue;
    }
    const num = /^-?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (num) { tokens.push({ kind: 'number', text: num[0], value: Number(num[0]), ...at }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (id) { tokens.push({ kind: 'ident', text: id[0], ...at }); i += id[0].length; continue; }
    fail(`unexpected character '${c}'`);
  }
  return tokens;
}

/** Parses config text into a message. Repeated fields (list syntax or repeats) become arrays. */
export function parsePbtxt(text: string): PbMessage {
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p];
  const fail = (why: string, t = peek()): never => {
    throw new PbtxtSyntaxError(t ? `line ${t.line}, column ${t.col}: ${why} (at '${t.text}')` : `end of text: ${why}`);
  };
  const take = (punct?: string): Token => {
    const t = tokens[p];
    if (!t) fail(`expected ${punct ?? 'more'}`);
    if (punct !== undefined && (t.kind !== 'punct' || t.text !== punct)) fail(`expected '${punct}'`);
    p++;
    return t;
  };
  const isPunct = (s: string) => peek()?.kind === 'punct' && peek()?.text === s;

  function message(end?: string): PbMessage {
    const m: PbMessage = {};
    for (;;) {
      if (end ? isPunct(end) : p >= tokens.length) return m;
      const key = take();
      if (key.kind !== 'ident') fail('expected a field name', key);
      const colon = isPunct(':');
      if (colon) take(':');
      let value: PbValue;
      let list = false;
      if (isPunct('{')) { take('{'); value = message('}'); take('}'); }
      else if (isPunct('[')) { take('['); value = listValues(); take(']'); list = true; }
      else if (colon) value = scalarValue();
      else value = fail(`expected ':' after '${key.text}'`);
      add(m, key.text, value, list);
      if (isPunct(',') || isPunct(';')) take();
    }
  }
  function listValues(): PbValue[] {
    const out: PbValue[] = [];
    while (!isPunct(']')) {
      if (isPunct('{')) { take('{'); out.push(message('}')); take('}'); }
      else out.push(scalarValue());
      if (isPunct(',')) take(',');
      else if (!isPunct(']')) fail("expected ',' or ']'");
    }
    return out;
  }
  function scalarValue(): PbValue {
    const t = take();
    if (t.kind === 'string') return t.value as string;
    if (t.kind === 'number') return t.value as number;
    if (t.kind === 'ident') return t.text === 'true' ? true : t.text === 'false' ? false : new PbEnum(t.text);
    return fail('expected a value', t);
  }
  const m = message();
  if (p < tokens.length) fail('unexpected text after the last field');
  return m;
}

function add(m: PbMessage, key: string, value: PbValue, list: boolean): void {
  const prev = m[key];
  if (prev === undefined) { m[key] = value; return; }
  const before = Array.isArray(prev) ? prev : [prev];
  m[key] = list ? [...before, ...(value as PbValue[])] : [...before, value];
}
