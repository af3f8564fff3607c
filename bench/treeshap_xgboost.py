"""Peer for bench/treeshap.bench.ts: XGBoost's own TreeSHAP (pred_contribs) on the same model and rows.

Usage: /usr/bin/python3 bench/treeshap_xgboost.py OUT_DIR N_ROWS
Trains a seeded XGBoost regressor (100 trees, depth 6, 20 features) on synthetic data, writes
OUT_DIR/model.json, OUT_DIR/x.bin (float64, N_ROWS x 20, row-major) and OUT_DIR/contribs.bin
(float32, N_ROWS x 21, XGBoost's SHAP values with the bias last), and prints one JSON line with the
times of booster.predict(dmatrix, pred_contribs=True) with all cores (best of 2) and one thread.
"""
import json
import os
import sys
import time

import numpy as np
import xgboost as xgb

N_FEATURES = 20


def main():
    out_dir, n_rows = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(42)
    n_train = 20_000
    x = rng.normal(size=(n_train + n_rows, N_FEATURES)).astype(np.float32)
    x[rng.random(size=x.shape) < 0.02] = np.nan
    w = rng.normal(size=N_FEATURES)
    xf = np.nan_to_num(x)
    y = xf @ w + np.sin(3 * xf[:, 0]) * xf[:, 1] + (xf[:, 2] > 0.5) * xf[:, 3] + 0.3 * rng.normal(size=len(x))
    dtrain = xgb.DMatrix(x[:n_train], label=y[:n_train])
    params = {'objective': 'reg:squarederror', 'max_depth': 6, 'eta': 0.1, 'seed': 0, 'tree_method': 'hist'}
    booster = xgb.train(params, dtrain, num_boost_round=100)
    booster.save_model(os.path.join(out_dir, 'model.json'))
    rows = x[n_train:]
    rows.astype(np.float64).tofile(os.path.join(out_dir, 'x.bin'))
    dm = xgb.DMatrix(rows)

    def best_of(nthread, repeats):
        booster.set_param({'nthread': nthread})
        booster.predict(xgb.DMatrix(rows[:200]), pred_contribs=True)  # warm-up
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            contribs = booster.predict(dm, pred_contribs=True)
            times.append(time.perf_counter() - t)
        return min(times), contribs

    cores = os.cpu_count() or 1
    t_all, contribs = best_of(cores, 2)
    t_one, _ = best_of(1, 1)
    contribs.astype(np.float32).tofile(os.path.join(out_dir, 'contribs.bin'))
    print(json.dumps({'seconds': t_all, 'seconds_1thread': t_one, 'threads': cores, 'xgboost': xgb.__version__,
                      'n_trees': 100, 'max_depth': 6, 'n_features': N_FEATURES, 'n_rows': n_rows}))


if __name__ == '__main__':
    main()
