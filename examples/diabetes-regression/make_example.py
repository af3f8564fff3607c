"""Builds the diabetes regression example: a small torch MLP exported to ONNX plus test.csv.

Run with Debian's Python (sklearn 1.2, torch 1.13, onnx 1.12):
    /usr/bin/python3 examples/diabetes-regression/make_example.py

Output `prediction` is [N, 1]: disease progression one year after baseline (sklearn's target).
"""
import csv
import os

import numpy as np
import onnx
import torch
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 7
torch.manual_seed(SEED)

data = load_diabetes()
x_train, x_test, y_train, y_test = train_test_split(
    data.data.astype(np.float32), data.target.astype(np.float32), test_size=0.3, random_state=SEED)
names = list(data.feature_names)
y_mean, y_std = float(y_train.mean()), float(y_train.std())


class Net(torch.nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer('mean', torch.tensor(mean))
        self.register_buffer('std', torch.tensor(std))
        self.body = torch.nn.Sequential(torch.nn.Linear(10, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))

    def forward(self, x):  # target scaling folded in too, so the output is in the target's units
        return self.body((x - self.mean) / self.std) * y_std + y_mean


net = Net(x_train.mean(axis=0), x_train.std(axis=0) + 1e-6)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)[:, None]
for _ in range(150):  # more epochs overfit these 309 rows
    opt.zero_grad()
    loss = torch.nn.functional.mse_loss(net(xt), yt)
    loss.backward()
    opt.step()
net.eval()

path = os.path.join(HERE, 'model.onnx')
torch.onnx.export(net, torch.from_numpy(x_test[:2]), path, input_names=['input'], output_names=['prediction'],
                  opset_version=13, dynamic_axes={'input': {0: 'batch'}, 'prediction': {0: 'batch'}})
model = onnx.load(path)
onnx.helper.set_model_props(model, {'description': 'MLP on sklearn load_diabetes (regression)'})
onnx.save(model, path)

with open(os.path.join(HERE, 'test.csv'), 'w', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(names + ['target'])
    for row, y in zip(x_test, y_test):
        w.writerow([repr(float(v)) for v in row] + [repr(float(y))])

with torch.no_grad():
    pred = net(torch.from_numpy(x_test)).numpy()[:, 0]
rmse = float(np.sqrt(((pred - y_test) ** 2).mean()))
print(f'test RMSE {rmse:.2f} on {len(y_test)} rows (target std {float(y_test.std()):.2f})')
