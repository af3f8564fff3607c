/**
 * KServe artefacts: an InferenceService for KServe's ONNX runtime (Triton under the hood, so
 * its storage holds a Triton model repository), an InferenceService for a custom container
 * that runs `posthoc serve`, and the Dockerfile of that container.
 */
import type { YamlComments, YamlValue } from './yaml';

/** Placeholder storage URI; the text says what to put there. */
export const STORAGE_URI_PLACEHOLDER = 's3://REPLACE-ME-bucket/path/to/model-repository';
/** Placeholder image of the posthoc-serve container. */
export const IMAGE_PLACEHOLDER = 'REPLACE-ME.registry.example/posthoc-serve:latest';
/** Port `posthoc serve` listens on inside the container (KServe's usual 8080). */
export const SERVE_PORT = 8080;

type YamlMap = { [key: string]: YamlValue };

/** InferenceService using KServe's ONNX model format (Open Inference Protocol v2). */
export function onnxInferenceService(name: string): { manifest: YamlMap; comments: YamlComments; header: string[] } {
  return {
    header: [
      `KServe InferenceService for '${name}' (ONNX, served by KServe's Triton runtime).`,
      'Before applying: upload the folder model-repository/ (next to this file) to object storage',
      'and replace the storageUri placeholder with its URI. Then: kubectl apply -f inferenceservice.yaml',
    ],
    manifest: {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name },
      spec: {
        predictor: {
          model: {
            modelFormat: { name: 'onnx' },
            // KServe's default installation only finds a runtime for ONNX with the v2 protocol.
            protocolVersion: 'v2',
            storageUri: STORAGE_URI_PLACEHOLDER,
            resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
          },
        },
      },
    },
    comments: {
      'spec.predictor.model.storageUri': 'PLACEHOLDER: the URI of your uploaded model-repository/ folder (s3://, gs://, pvc://, https://)',
      'spec.predictor.model.protocolVersion': 'the default KServe install serves ONNX over the v2 protocol only',
    },
  };
}

/** InferenceService whose predictor is the `posthoc serve` container built from the Dockerfile. */
export function posthocInferenceService(name: string): { manifest: YamlMap; comments: YamlComments; header: string[] } {
  return {
    header: [
      `KServe InferenceService for '${name}' served by 'posthoc serve' in a custom container.`,
      'Build and push the image from the Dockerfile next to this file, put its name in place of',
      'the image placeholder, then: kubectl apply -f inferenceservice-posthoc.yaml',
    ],
    manifest: {
      apiVersion: 'serving.kserve.io/v1beta1',
      kind: 'InferenceService',
      metadata: { name: `${name}-posthoc`.slice(0, 63).replace(/-+$/, '') },
      spec: {
        predictor: {
          containers: [
            {
              name: 'kserve-container',
              image: IMAGE_PLACEHOLDER,
              ports: [{ containerPort: SERVE_PORT, protocol: 'TCP' }],
              resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
            },
          ],
        },
      },
    },
    comments: { 'spec.predictor.containers.0.image': 'PLACEHOLDER: the image you built from the Dockerfile and pushed' },
  };
}

/** A minimal Dockerfile that serves `model.onnx` (next to it) with `posthoc serve`. */
export function serveDockerfile(name: string, posthocVersion: string): string {
  return `# Serves '${name}' (model.onnx, next to this file) with 'posthoc serve'.
#   docker build -t ${name}-posthoc .
#   docker run --rm -p ${SERVE_PORT}:${SERVE_PORT} ${name}-posthoc
FROM node:20-slim

# onnxruntime-node carries its CPU binaries; skip its optional download of GPU files.
ENV ONNXRUNTIME_NODE_INSTALL=skip NODE_ENV=production

# The Posthoc CLI: a registry spec, or a tarball from 'npm pack' copied in first, e.g.
#   COPY posthoc-${posthocVersion}.tgz /tmp/   and   --build-arg POSTHOC_PACKAGE=/tmp/posthoc-${posthocVersion}.tgz
ARG POSTHOC_PACKAGE=posthoc@${posthocVersion}
RUN npm install --global --omit=dev "\${POSTHOC_PACKAGE}" && npm cache clean --force

WORKDIR /srv
COPY model.onnx /srv/model.onnx

# The node image's unprivileged user: the server needs no root.
USER node
EXPOSE ${SERVE_PORT}

# --host 0.0.0.0: inside a container, 127.0.0.1 is the container's own loopback, which the
# published port (docker -p, a Kubernetes Service) cannot reach; traffic arrives on the
# container's network interface. Listening on all of its interfaces is what makes the port
# reachable, and the container's network namespace is what keeps it from being exposed wider.
CMD ["posthoc", "serve", "--model", "/srv/model.onnx", "--host", "0.0.0.0", "--port", "${SERVE_PORT}"]
`;
}
