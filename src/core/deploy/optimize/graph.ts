/**
 * Small graph utilities shared by the rewrites: fresh names, the default-domain opset, and
 * names that subgraphs (If/Loop/Scan bodies) read from the outer scope.
 */
import { onnx } from 'onnx-proto';
import { toNumber, type Int64 } from '../../onnx/protoTypes';

/** Hands out names not used anywhere in the graph yet. */
export class NameAllocator {
  private readonly used = new Set<string>();

  constructor(graph: onnx.IGraphProto) {
    for (const v of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) if (v.name) this.used.add(v.name);
    for (const t of graph.initializer ?? []) if (t.name) this.used.add(t.name);
    for (const n of graph.node ?? []) {
      for (const x of [...(n.input ?? []), ...(n.output ?? [])]) if (x) this.used.add(x);
      if (n.name) this.used.add(n.name);
    }
  }

  /** `base` itself when free, else `base_1`, `base_2`, ... */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}

/** Version of the default ONNX domain the model imports (0 when it declares none). */
export function defaultOpset(model: onnx.IModelProto): number {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? toNumber(entry.version as Int64) : 0;
}

/** True for nodes of the default ONNX domain. */
export function isDefaultDomain(node: onnx.INodeProto): boolean {
  return !node.domain || node.domain === 'ai.onnx';
}

/** Every tensor name read inside subgraph attributes, at any depth. */
export function subgraphReads(graph: onnx.IGraphProto): Set<string> {
  const names = new Set<string>();
  const visit = (g: onnx.IGraphProto) => {
    for (const n of g.node ?? []) {
      for (const a of n.attribute ?? []) {
        for (const sub of [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]) {
          for (const sn of sub.node ?? []) for (const x of sn.input ?? []) if (x) names.add(x);
          visit(sub);
        }
      }
    }
  };
  visit(graph);
  return names;
}

/** True when some node carries a subgraph (control flow). */
export function hasSubgraphs(graph: onnx.IGraphProto): boolean {
  return (graph.node ?? []).some((n) => (n.attribute ?? []).some((a) => !!a.g || (a.graphs ?? []).length > 0));
}

/** An integer attribute of a node, or `fallback` when absent. */
export function intAttribute(node: onnx.INodeProto, name: string, fallback: number): number {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  return a ? toNumber(a.i as Int64) : fallback;
}
