"""Reference models of bench/one_table.ts, trained on the same rows as riskpipe, printed as JSON.

Usage: /usr/bin/python3 bench/one_table.py CSV TARGET POSITIVE_LABEL SPLIT_JSON SEED

CSV is the one-table file as the pipeline ingested it; SPLIT_JSON holds {"train": [...],
"test": [...]}, 1-based data-row numbers (riskpipe's ROW_ID) of the pipeline's own split.
A column is numeric when every cell that is not a missing marker parses as a number, else
categorical (one-hot, missing as its own level, levels unseen in training ignored).

- XGBoost 1.7 `hist` (Debian python3-xgboost): depth 4, eta 0.05, nthread 1 (time is not
  measured), rounds chosen by stratified 5-fold `xgb.cv` with early stopping (50 rounds, AUC),
  then refitted on every training row; numeric missing cells stay missing (NaN).
- scikit-learn LogisticRegression (Debian python3-sklearn), default C=1 (lbfgs): numeric columns
  median-imputed and standardised, categorical columns one-hot.
"""
import csv
import json
import math
import sys

import numpy as np
import sklearn
import xgboost as xgb
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# The missing markers riskpipe's csv inference knows (README, data sources).
MISSING = {"", "NA", "?", "null", "N/A"}
XGB_PARAMS = {
    "objective": "binary:logistic",
    "tree_method": "hist",
    "max_depth": 4,
    "eta": 0.05,
    "eval_metric": "auc",
    "nthread": 1,
}
CV_FOLDS = 5
MAX_ROUNDS = 3000
EARLY_STOPPING_ROUNDS = 50


def read_table(path):
    with open(path, newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    return records[0], records[1:]


def as_number(cell):
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def split_columns(header, rows, target):
    """Numeric matrix (NaN missing) and categorical matrix (strings) of every feature column."""
    numeric, categorical = [], []
    for j, name in enumerate(header):
        if name == target:
            continue
        cells = [row[j] for row in rows]
        present = [c for c in cells if c not in MISSING]
        if all(as_number(c) is not None for c in present):
            numeric.append([math.nan if c in MISSING else float(c) for c in cells])
        else:
            categorical.append(["(missing)" if c in MISSING else c for c in cells])
    num = np.array(numeric, dtype=np.float64).T if numeric else np.empty((len(rows), 0))
    cat = np.array(categorical, dtype=object).T if categorical else np.empty((len(rows), 0), object)
    return num, cat


def one_hot(cat, train, test):
    if cat.shape[1] == 0:
        return np.empty((len(train), 0)), np.empty((len(test), 0))
    encoder = OneHotEncoder(handle_unknown="ignore")
    encoder.fit(cat[train])
    return encoder.transform(cat[train]).toarray(), encoder.transform(cat[test]).toarray()


def run_xgboost(num, cat_train, cat_test, y, train, test, seed):
    x_train = np.hstack([num[train], cat_train])
    x_test = np.hstack([num[test], cat_test])
    dtrain = xgb.DMatrix(x_train, label=y[train], missing=np.nan)
    params = {**XGB_PARAMS, "seed": seed}
    history = xgb.cv(
        params,
        dtrain,
        num_boost_round=MAX_ROUNDS,
        nfold=CV_FOLDS,
        stratified=True,
        early_stopping_rounds=EARLY_STOPPING_ROUNDS,
        seed=seed,
        shuffle=True,
        as_pandas=False,
    )
    curve = history["test-auc-mean"]
    rounds = len(curve)
    booster = xgb.train(params, dtrain, num_boost_round=rounds)
    scores = booster.predict(xgb.DMatrix(x_test, missing=np.nan))
    return {
        "version": xgb.__version__,
        "rounds": rounds,
        "cv_auc": float(curve[-1]),
        "test_auc": float(roc_auc_score(y[test], scores)),
    }


def run_logistic(num, cat_train, cat_test, y, train, test):
    parts_train, parts_test = [cat_train], [cat_test]
    if num.shape[1] > 0:
        numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
        parts_train.insert(0, numeric.fit_transform(num[train]))
        parts_test.insert(0, numeric.transform(num[test]))
    model = LogisticRegression(max_iter=10000)
    model.fit(np.hstack(parts_train), y[train])
    scores = model.predict_proba(np.hstack(parts_test))[:, 1]
    return {
        "version": sklearn.__version__,
        "columns": int(sum(p.shape[1] for p in parts_train)),
        "test_auc": float(roc_auc_score(y[test], scores)),
    }


def main():
    path, target, positive, split_path, seed = sys.argv[1:6]
    header, rows = read_table(path)
    if target not in header:
        sys.exit(f"{path}: no target column {target!r}")
    with open(split_path, encoding="utf-8") as handle:
        split = json.load(handle)
    # ROW_ID n is the n-th data row of the file.
    train = np.array(split["train"], dtype=np.int64) - 1
    test = np.array(split["test"], dtype=np.int64) - 1
    if min(train.min(), test.min()) < 0 or max(train.max(), test.max()) >= len(rows):
        sys.exit(f"{split_path}: a row number is outside 1..{len(rows)}")
    column = header.index(target)
    y = np.array([1.0 if row[column] == positive else 0.0 for row in rows])
    num, cat = split_columns(header, rows, target)
    cat_train, cat_test = one_hot(cat, train, test)
    print(json.dumps({
        "numeric_columns": int(num.shape[1]),
        "categorical_columns": int(cat.shape[1]),
        "xgboost": run_xgboost(num, cat_train, cat_test, y, train, test, int(seed)),
        "logistic": run_logistic(num, cat_train, cat_test, y, train, test),
    }))


if __name__ == "__main__":
    main()
