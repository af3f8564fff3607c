"""Peer for bench/errortree.bench.ts: scikit-learn's DecisionTreeClassifier on the same data.

Usage: /usr/bin/python3 bench/errortree_sklearn.py DIR N_ROWS N_FEATURES
Writes DIR/x.f32 (column-major float32 features), DIR/y.u8 (0/1 error indicator) and
DIR/tree.json (sklearn's tree, nested), then prints one JSON line with the best fit time of 2.
"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.tree import DecisionTreeClassifier

out, n, m = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
X = rng.random((n, m), dtype=np.float32)
logit = -2.0 + 2.0 * (X[:, 0] > 0.7) + 1.5 * (X[:, 3] < 0.2) * (X[:, 5] > 0.5) + 0.5 * X[:, 7]
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.uint8)
np.asfortranarray(X).T.tofile(os.path.join(out, 'x.f32'))
y.tofile(os.path.join(out, 'y.u8'))

best = float('inf')
for _ in range(2):
    clf = DecisionTreeClassifier(criterion='gini', max_depth=3, min_samples_leaf=20, max_leaf_nodes=31, random_state=0)
    t0 = time.perf_counter()
    clf.fit(X, y)
    best = min(best, time.perf_counter() - t0)

t = clf.tree_


def nested(k):
    node = {'n': int(t.n_node_samples[k])}
    if t.children_left[k] != -1:
        node.update(feature=int(t.feature[k]), threshold=float(t.threshold[k]), left=nested(t.children_left[k]), right=nested(t.children_right[k]))
    return node


json.dump(nested(0), open(os.path.join(out, 'tree.json'), 'w'))
print(json.dumps({'seconds': best, 'sklearn': sklearn.__version__}))
