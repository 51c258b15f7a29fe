"""XGBoost side of bench/gbdt_bench.ts: trains `hist` on the same data, prints JSON.

Usage: /usr/bin/python3 bench/gbdt_xgboost.py DIR ROWS TEST_ROWS FEATURES PARAMS_JSON [MODEL_OUT]
MODEL_OUT, when given, receives the trained booster as XGBoost JSON (the FastAPI peer's model).
DIR holds train_x.f64 (row-major float64, NaN = missing), train_y.f64, test_x.f64, test_y.f64.
"""
import json
import sys
import time

import numpy as np
import xgboost as xgb
from sklearn.metrics import roc_auc_score


def load(directory, name, rows, features):
    x = np.fromfile(f"{directory}/{name}_x.f64", dtype=np.float64).reshape(rows, features)
    y = np.fromfile(f"{directory}/{name}_y.f64", dtype=np.float64)
    return x, y


def main():
    directory, rows, test_rows, features, params_json = sys.argv[1:6]
    rows, test_rows, features = int(rows), int(test_rows), int(features)
    params = json.loads(params_json)
    x, y = load(directory, "train", rows, features)
    tx, ty = load(directory, "test", test_rows, features)
    started = time.perf_counter()
    cpu_started = time.process_time()
    dtrain = xgb.DMatrix(x, label=y, missing=np.nan, nthread=params["nthread"])
    booster_params = {
        "objective": "binary:logistic",
        "tree_method": "hist",
        "max_depth": params["max_depth"],
        "max_bin": params["max_bin"],
        "eta": params["learning_rate"],
        "lambda": params["lambda"],
        "min_child_weight": params["min_child_weight"],
        "nthread": params["nthread"],
        "base_score": float(y.mean()),
        "seed": 0,
    }
    if "monotone" in params:
        booster_params["monotone_constraints"] = "(" + ",".join(map(str, params["monotone"])) + ")"
    booster = xgb.train(booster_params, dtrain, num_boost_round=params["n_rounds"])
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    if len(sys.argv) > 6:
        booster.save_model(sys.argv[6])
    dtest = xgb.DMatrix(tx, missing=np.nan, nthread=params["nthread"])
    auc = roc_auc_score(ty, booster.predict(dtest))
    print(json.dumps({
        "version": xgb.__version__,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "test_auc": auc,
    }))


if __name__ == "__main__":
    main()
