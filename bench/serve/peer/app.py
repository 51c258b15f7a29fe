"""The FastAPI peer: FastAPI 0.92 + pydantic 1.10 + uvicorn scoring one XGBoost 1.7 model.

POST /predict takes one applicant row under the generated pydantic model (peer_model.py,
from bench/serve/peer/generate_model.ts), computes the same request-time features,
copies the history features from the version's snapshot by key, and returns the
probability. PEER_DIR names the directory holding peer_model.py, peer_snapshot.json and
xgboost.json.

    PEER_DIR=/tmp/peer /usr/bin/python3 -m uvicorn app:app --app-dir bench/serve/peer \
        --host 127.0.0.1 --port 18082 --workers 1
"""
import json
import os
import sys

import numpy as np
import xgboost as xgb
from fastapi import FastAPI

PEER_DIR = os.environ["PEER_DIR"]
sys.path.insert(0, PEER_DIR)
import peer_model  # noqa: E402  (generated into PEER_DIR)


def load_snapshot(path):
    """History features by key (an int or float key hashes alike)."""
    with open(path) as f:
        raw = json.load(f)
    nan = float("nan")
    return {float(k): [nan if v is None else v for v in values] for k, values in raw.items()}


SNAPSHOT = load_snapshot(os.path.join(PEER_DIR, "peer_snapshot.json"))
BOOSTER = xgb.Booster(model_file=os.path.join(PEER_DIR, "xgboost.json"))
BOOSTER.set_param({"nthread": 1})


def feature_vector(row):
    """The model's feature vector of a validated row (a dict), NaN for missing."""
    out = peer_model.request_features(row)
    key = row.get(peer_model.SNAPSHOT_KEY) if peer_model.SNAPSHOT_KEY else None
    history = SNAPSHOT.get(float(key)) if key is not None else None
    if history is not None:
        for position, value in zip(peer_model.SNAPSHOT_POSITIONS, history):
            out[position] = value
    return out


def probability(row):
    """The model's probability of default for one validated row."""
    x = np.asarray([feature_vector(row)], dtype=np.float32)
    return float(BOOSTER.inplace_predict(x, missing=np.nan)[0])


app = FastAPI(title="riskpipe peer", version=peer_model.VERSION)


@app.post("/predict")
async def predict(row: peer_model.Row):
    return {"probability": probability(row.dict(by_alias=True)), "version": peer_model.VERSION}
