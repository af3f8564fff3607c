/**
 * The trained Fashion-MNIST models of the deployment benchmarks (serve, quantize): made once by
 * bench/make_fashion_models.py with Debian's torch and cached under the system's temp folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Where the models and the test split live. */
export const FASHION_DIR = process.env.POSTHOC_FASHION_DIR ?? path.join(os.tmpdir(), 'posthoc-fashion-bench');

/** Paths of the two models, training them first if they are not cached yet (about a minute). */
export function fashionModels(): { cnn: string; mlp: string } {
  const cnn = path.join(FASHION_DIR, 'cnn.onnx');
  const mlp = path.join(FASHION_DIR, 'mlp.onnx');
  if (!existsSync(cnn) || !existsSync(mlp) || !existsSync(path.join(FASHION_DIR, 'test_labels.u8'))) {
    console.log(`training the Fashion-MNIST benchmark models into ${FASHION_DIR} …`);
    execFileSync('/usr/bin/python3', [path.join(__dirname, 'make_fashion_models.py'), FASHION_DIR], { stdio: 'inherit' });
  }
  return { cnn, mlp };
}

/** The 10,000 test images (row-major 784 float32 values each, in [0, 1]) and their labels. */
export function fashionTestSet(): { images: Float32Array; labels: Uint8Array; n: number } {
  const raw = readFileSync(path.join(FASHION_DIR, 'test_images.f32'));
  const images = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const labels = new Uint8Array(readFileSync(path.join(FASHION_DIR, 'test_labels.u8')));
  return { images, labels, n: labels.length };
}
