"""Trains the two Fashion-MNIST models the deployment benchmarks use and exports them to ONNX.

  /usr/bin/python3 bench/make_fashion_models.py OUT_DIR

Writes OUT_DIR/cnn.onnx (the classic Keras MNIST CNN: Conv 32 3x3 → Conv 64 3x3 → MaxPool 2 →
Dense 128 → Dense 10, about 12 M multiply-adds per image), OUT_DIR/mlp.onnx (784 → 512 → 512 → 10),
both ending in Softmax with a dynamic batch axis, and the test split as raw little-endian files:
test_images.f32 (10000 × 784 float32 in [0, 1]) and test_labels.u8. Real data and trained
weights, so quantization's accuracy cost is measured on something that has accuracy to lose.
Needs Debian's python3-torch and dataset-fashion-mnist; about a minute on two cores.
"""
import gzip
import os
import sys

import numpy as np
import torch
from torch import nn

SRC = '/usr/share/datasets/fashion-mnist'


def idx(name, offset):
    with gzip.open(os.path.join(SRC, name), 'rb') as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    x_train = idx('train-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    y_train = idx('train-labels-idx1-ubyte.gz', 8).astype(np.int64)
    x_test = idx('t10k-images-idx3-ubyte.gz', 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255
    y_test = idx('t10k-labels-idx1-ubyte.gz', 8)

    cnn = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(64 * 12 * 12, 128), nn.ReLU(), nn.Linear(128, 10),
    )
    mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    for name, net, epochs in (('cnn', cnn, 1), ('mlp', mlp, 3)):
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        for _ in range(epochs):
            perm = torch.randperm(len(xt))
            for i in range(0, len(xt), 128):
                b = perm[i:i + 128]
                opt.zero_grad()
                nn.functional.cross_entropy(net(xt[b]), yt[b]).backward()
                opt.step()
        net.eval()
        with torch.no_grad():
            acc = (net(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean()
        print(f'{name}: test accuracy {acc:.4f}')
        model = nn.Sequential(net, nn.Softmax(dim=1)).eval()
        shape = (1, 1, 28, 28) if name == 'cnn' else (1, 784)
        input_name = 'image' if name == 'cnn' else 'pixels'
        torch.onnx.export(model, torch.zeros(shape), os.path.join(out, f'{name}.onnx'), input_names=[input_name],
                          output_names=['probabilities'], dynamic_axes={input_name: {0: 'N'}, 'probabilities': {0: 'N'}},
                          opset_version=13)
    x_test.reshape(-1, 784).astype('<f4').tofile(os.path.join(out, 'test_images.f32'))
    y_test.astype(np.uint8).tofile(os.path.join(out, 'test_labels.u8'))


if __name__ == '__main__':
    main(sys.argv[1])
