"""Peer timing for bench/metrics.bench.ts: scikit-learn on the same scores.

Usage: /usr/bin/python3 bench/metrics_sklearn.py Y.bin SCORE.bin THRESHOLD
Prints one JSON line: {"seconds": total, "parts": {...}, "roc_auc": ..., "average_precision": ...}.
"""
import json
import sys
import time

import numpy as np
from sklearn import metrics as M


def main():
    y = np.fromfile(sys.argv[1], dtype=np.uint8)
    s = np.fromfile(sys.argv[2], dtype=np.float64)
    thr = float(sys.argv[3])
    parts = {}
    out = {}
    t_all = time.perf_counter()
    yp = (s >= thr).astype(np.uint8)
    label_fns = [M.accuracy_score, M.precision_score, M.recall_score, M.f1_score, M.matthews_corrcoef]
    score_fns = [M.roc_auc_score, M.average_precision_score, M.log_loss, M.brier_score_loss, M.roc_curve, M.precision_recall_curve]
    for fn, arg in [(f, yp) for f in label_fns] + [(f, s) for f in score_fns]:
        t = time.perf_counter()
        v = fn(y, arg)
        parts[fn.__name__] = time.perf_counter() - t
        if np.isscalar(v):
            out[fn.__name__] = float(v)
    total = time.perf_counter() - t_all
    print(json.dumps({"seconds": total, "parts": parts, "values": out}))


if __name__ == "__main__":
    main()
