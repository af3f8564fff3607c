"""Builds the breast-cancer example: a small torch MLP exported to ONNX plus a held-out test.csv.

Run with Debian's Python (sklearn 1.2, torch 1.13, onnx 1.12):
    /usr/bin/python3 examples/breast-cancer/make_example.py

The standardisation is folded into the network, so the model takes the raw feature values.
The output `probabilities` is [N, 2] (softmax) in the order of `class_labels` in the model's
metadata_props: ["malignant", "benign"] (sklearn's target 0 and 1).
"""
import csv
import json
import os

import numpy as np
import onnx
import torch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 7
torch.manual_seed(SEED)

data = load_breast_cancer()
x_train, x_test, y_train, y_test = train_test_split(
    data.data.astype(np.float32), data.target, test_size=0.3, random_state=SEED, stratify=data.target)
classes = [str(c) for c in data.target_names]  # ['malignant', 'benign']
names = [n.replace(' ', '_') for n in data.feature_names]


class Net(torch.nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer('mean', torch.tensor(mean))
        self.register_buffer('std', torch.tensor(std))
        self.body = torch.nn.Sequential(torch.nn.Linear(30, 16), torch.nn.ReLU(), torch.nn.Linear(16, 2))

    def forward(self, x):
        return torch.softmax(self.body((x - self.mean) / self.std), dim=1)


net = Net(x_train.mean(axis=0), x_train.std(axis=0) + 1e-6)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train).long()
for _ in range(300):
    opt.zero_grad()
    loss = torch.nn.functional.nll_loss(torch.log(net(xt) + 1e-9), yt)
    loss.backward()
    opt.step()
net.eval()

path = os.path.join(HERE, 'model.onnx')
torch.onnx.export(net, torch.from_numpy(x_test[:2]), path, input_names=['input'], output_names=['probabilities'],
                  opset_version=13, dynamic_axes={'input': {0: 'batch'}, 'probabilities': {0: 'batch'}})
model = onnx.load(path)
onnx.helper.set_model_props(model, {'class_labels': json.dumps(classes), 'feature_names': json.dumps(names),
                                    'description': 'MLP on sklearn load_breast_cancer, standardisation folded in'})
onnx.save(model, path)

with open(os.path.join(HERE, 'test.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(names + ['target'])
    for row, y in zip(x_test, y_test):
        w.writerow([repr(float(v)) for v in row] + [classes[y]])

with torch.no_grad():
    acc = float((net(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean())
print(f'test accuracy {acc:.4f} on {len(y_test)} rows')
