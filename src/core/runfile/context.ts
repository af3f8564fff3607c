/** State shared while one run file is checked: where problems go and how positions are found. */
import { type Node } from './jsonc';
import type { LineMap } from './positions';
import type { RunFileProblem } from './types';

/** One key of an object node, with its value (absent only in files that do not parse). */
export interface Property {
  key: Node;
  value: Node | undefined;
}

/** The checking context for one file. */
export interface CheckContext {
  lines: LineMap;
  problems: RunFileProblem[];
  /** Absolute folder of the file: relative paths resolve against it. */
  dir: string;
  /** Report file (absolute) -> who writes it, to catch two outputs aimed at one file. */
  targets: Map<string, string>;
  /** Cohorts under the top-level `cohorts` that parse (explain runs name one), and every name declared there. */
  cohorts?: { valid: Record<string, string>; declared: string[] };
}

/** Records a problem spanning a node. */
export function report(ctx: CheckContext, node: Node, message: string): void {
  ctx.problems.push({ message, range: ctx.lines.range(node.offset, node.length) });
}

/** The properties of an object node in order, reporting keys given twice. */
export function properties(ctx: CheckContext, object: Node, where: string): Property[] {
  const seen = new Map<string, Node>();
  const out: Property[] = [];
  for (const child of object.children ?? []) {
    const [key, value] = child.children ?? [];
    if (!key || typeof key.value !== 'string') continue;
    const first = seen.get(key.value);
    if (first) {
      const line = ctx.lines.position(first.offset).line + 1;
      report(ctx, key, `'${key.value}' is given twice ${where}; the first is on line ${line}. Keep one.`);
      continue;
    }
    seen.set(key.value, key);
    out.push({ key, value });
  }
  return out;
}
