// A small JSON Schema (draft-07) checker for the keywords schemas/posthoc.schema.json uses, so the
// fixture tests can run the schema too without a validator dependency. It throws on keywords it
// does not know, so the schema cannot quietly grow past what is checked here.
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', 'title', 'description', 'default', 'defaultSnippets', 'enumDescriptions', 'definitions',
  '$ref', 'type', 'enum', 'minimum', 'maximum', 'minLength', 'pattern', 'minItems', 'uniqueItems', 'items',
  'properties', 'required', 'additionalProperties', 'propertyNames', 'minProperties', 'const', 'if', 'then', 'else',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fitsType(value: unknown, type: string): boolean {
  const t = typeOf(value);
  return t === type || (type === 'number' && t === 'integer');
}

/** Error messages (JSON pointer: problem) for a value against the schema; empty when valid. */
export function schemaErrors(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const check = (schema: Schema, v: unknown, at: string): void => {
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`miniSchema: unsupported keyword '${key}' at ${at}`);
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/definitions/', '');
      check((root.definitions as Record<string, Schema>)[name], v, at);
    }
    const fail = (what: string): void => {
      errors.push(`${at || '/'}: ${what}`);
    };
    if (schema.if !== undefined) {
      // `if` is checked silently; its outcome picks `then` or `else`.
      const mark = errors.length;
      check(schema.if as Schema, v, at);
      const holds = errors.length === mark;
      errors.length = mark;
      const branch = (holds ? schema.then : schema.else) as Schema | undefined;
      if (branch) check(branch, v, at);
    }
    if ('const' in schema && schema.const !== v) fail('not const');
    const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : undefined;
    if (types && !types.some((t) => fitsType(v, t))) {
      fail(`not ${types.join(' or ')}`);
      return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.includes(v)) fail('not in enum');
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) fail('below minimum');
      if (typeof schema.maximum === 'number' && v > schema.maximum) fail('above maximum');
    }
    if (typeof v === 'string') {
      if (typeof schema.minLength === 'number' && v.length < schema.minLength) fail('too short');
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) fail('pattern');
    }
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) fail('too few items');
      if (schema.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) fail('items not unique');
      if (schema.items) v.forEach((x, i) => check(schema.items as Schema, x, `${at}/${i}`));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) fail(`missing ${r}`);
      if (typeof schema.minProperties === 'number' && Object.keys(obj).length < schema.minProperties) fail('too few properties');
      for (const [k, x] of Object.entries(obj)) {
        if (schema.propertyNames) check(schema.propertyNames as Schema, k, `${at}/${k} (name)`);
        if (k in props) check(props[k], x, `${at}/${k}`);
        else if (schema.additionalProperties === false) fail(`unknown key ${k}`);
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties as Schema, x, `${at}/${k}`);
      }
    }
  };
  check(root, value, '');
  return errors;
}
