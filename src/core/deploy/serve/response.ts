/**
 * The body of a successful `POST /v2/models/{name}/infer`: `{"model_name", "model_version",
 * "id"?, "outputs": [{"name", "shape", "datatype", "data"}]}`. The hot path writes the JSON
 * text straight from the output tensors; the object form is built only for the request log.
 */
import type { RequestOutputs } from './batcher';
import { jsonDataText, toJsonData, v2Datatype } from './datatypes';
import type { ServedModel } from './model';
import type { V2InferResponse, V2Tensor } from './types';
import type { ValidRequest } from './validate';

/** The response as JSON text, the same text `JSON.stringify(inferResponse(…))` gives. */
export function inferResponseText(modelName: string, req: ValidRequest, outputs: RequestOutputs, model: ServedModel): string {
  let text = `{"model_name":${JSON.stringify(modelName)},"model_version":"1",`;
  if (req.id !== undefined) text += `"id":${JSON.stringify(req.id)},`;
  text += '"outputs":[';
  req.outputs.forEach((name, i) => {
    const t = outputs[name];
    const type = model.outputType(name);
    if (i > 0) text += ',';
    text += `{"name":${JSON.stringify(name)},"shape":[${t.dims.join(',')}],"datatype":"${v2Datatype(type)!}","data":${jsonDataText(t.data, type)}}`;
  });
  return text + ']}';
}

/** The response as an object (for the request log and for tests). */
export function inferResponse(modelName: string, req: ValidRequest, outputs: RequestOutputs, model: ServedModel): V2InferResponse {
  const tensors: V2Tensor[] = req.outputs.map((name) => {
    const t = outputs[name];
    const type = model.outputType(name);
    return { name, shape: [...t.dims], datatype: v2Datatype(type)!, data: toJsonData(t.data, type) };
  });
  return { model_name: modelName, model_version: '1', ...(req.id !== undefined ? { id: req.id } : {}), outputs: tensors };
}
