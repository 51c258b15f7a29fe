"""Checks the FastAPI peer against riskpipe on the rows parity.ts wrote (see there).

Usage: PEER_DIR=<peer dir> /usr/bin/python3 bench/serve/peer/parity.py DIR ROWS WIDTH
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import app  # noqa: E402  (the peer itself, loaded from PEER_DIR)

FEATURE_TOLERANCE = 1e-6
PROBABILITY_TOLERANCE = 1e-5


def max_diff(a, b):
    """Largest absolute difference; NaN against NaN counts as equal, NaN against a number as inf."""
    both = np.isnan(a) & np.isnan(b)
    one = np.isnan(a) ^ np.isnan(b)
    d = np.where(both, 0.0, np.abs(a - b))
    return float(np.max(np.where(one, np.inf, d))) if d.size else 0.0


def main():
    directory, rows, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(f"{directory}/rows.json") as f:
        raw = json.load(f)
    store = np.fromfile(f"{directory}/store_x.f64").reshape(rows, width)
    served = np.fromfile(f"{directory}/served_x.f64").reshape(rows, width)
    validated = [app.peer_model.Row(**r).dict(by_alias=True) for r in raw]
    peer_x = np.asarray([app.feature_vector(r) for r in validated], dtype=np.float64)
    peer_p = np.asarray([app.probability(r) for r in validated])
    names = app.peer_model.FEATURE_NAMES
    own_p = app.BOOSTER.predict(
        xgb.DMatrix(store.astype(np.float32), missing=np.nan, feature_names=names)
    )
    checks = [
        ("features: peer vs feature store", max_diff(peer_x, store), FEATURE_TOLERANCE),
        ("features: peer vs riskpipe request path", max_diff(peer_x, served), FEATURE_TOLERANCE),
        ("probability: peer vs XGBoost on store rows", max_diff(peer_p, own_p), PROBABILITY_TOLERANCE),
    ]
    if os.path.exists(f"{directory}/onnx_p.f64"):
        onnx_p = np.fromfile(f"{directory}/onnx_p.f64")
        checks.append(("probability: peer vs riskpipe ONNX", max_diff(peer_p, onnx_p), PROBABILITY_TOLERANCE))
    failed = False
    for name, diff, tolerance in checks:
        ok = diff <= tolerance
        failed |= not ok
        print(f"{name}: max |diff| {diff:.3g} over {rows} test rows ({'ok' if ok else 'FAILED'}, tolerance {tolerance:g})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
