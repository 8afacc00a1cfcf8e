import json

import pytest

from kt_training.merge import merge


def report(folds, lr=1e-3):
    metric = lambda auc: {"auc": auc, "acc": 0.7, "rmse": 0.4, "bce": 0.5}
    return {"model": "cakt", "dataset": "statics", "seed": 2023, "hyperparameters": {"side": 8},
            "training": {"lr": lr}, "folds": [{"fold": f, "valid_auc": auc, "metrics": {"test": metric(auc)}} for f, auc in folds],
            "summary": {}}


def test_merge_pools_the_folds_and_recomputes_the_summary(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(report([(1, 0.80)])))
    b.write_text(json.dumps(report([(3, 0.84), (2, 0.82)])))
    merged = merge([a, b])
    assert [f["fold"] for f in merged["folds"]] == [1, 2, 3]
    assert merged["summary"]["test"]["auc"]["mean"] == pytest.approx(0.82)
    assert merged["summary"]["test"]["auc"]["std"] == pytest.approx(0.02)


def test_merge_refuses_other_settings_and_repeated_folds(tmp_path):
    a, b, c = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"
    a.write_text(json.dumps(report([(1, 0.80)])))
    b.write_text(json.dumps(report([(2, 0.82)], lr=1e-2)))
    c.write_text(json.dumps(report([(1, 0.81)])))
    with pytest.raises(ValueError, match="training"):
        merge([a, b])
    with pytest.raises(ValueError, match="twice"):
        merge([a, c])
