from __future__ import annotations

import math

import numpy as np
from sklearn.metrics import roc_auc_score


def binary_metrics(p: np.ndarray, y: np.ndarray) -> dict:
    """AUC over all scored positions pooled together, accuracy at 0.5, RMSE and mean BCE."""
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if len(y) == 0:
        return {"n": 0}
    pc = np.clip(p, 1e-7, 1 - 1e-7)
    return {
        "auc": float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else float("nan"),
        "acc": float(np.mean((p >= 0.5) == (y == 1))),
        "rmse": float(math.sqrt(np.mean((p - y) ** 2))),
        "bce": float(-np.mean(y * np.log(pc) + (1 - y) * np.log(1 - pc))),
        "n": int(len(y)),
    }


def mean_std(values: list[float]) -> dict:
    """Sample standard deviation (ddof = 1) over folds, as papers usually report it."""
    v = np.asarray(values, dtype=np.float64)
    return {"mean": float(v.mean()), "std": float(v.std(ddof=1)) if len(v) > 1 else 0.0, "values": [float(x) for x in v]}
