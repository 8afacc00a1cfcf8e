import json

import pytest

from kt_training import train
from test_data import make_folder


def run(tmp_path, *extra):
    train.main(["--model", "dkt", "--dataset", "toy", "--data", str(tmp_path), "--folds", "1,2",
                "--hparams", '{"embed_dim": 4, "hidden_dim": 4}', "--training", '{"max_epochs": 1}',
                "--report", str(tmp_path / "report.json"), "--checkpoints", str(tmp_path / "ck"), *extra])
    return json.loads((tmp_path / "report.json").read_text())


def test_a_validation_only_run_is_scored_on_test_later_from_its_checkpoints_and_only_once(tmp_path):
    make_folder(tmp_path)

    chosen = run(tmp_path, "--validation-only")
    assert [f["metrics"] for f in chosen["folds"]] == [{}, {}]
    assert "test" not in chosen["summary"]

    tested = run(tmp_path, "--test-checkpoints")
    assert [f["valid_auc"] for f in tested["folds"]] == [f["valid_auc"] for f in chosen["folds"]]
    assert all(0 <= f["metrics"]["test"]["auc"] <= 1 for f in tested["folds"])
    assert tested["summary"]["test"]["auc"]["mean"] == pytest.approx(
        sum(f["metrics"]["test"]["auc"] for f in tested["folds"]) / 2)

    with pytest.raises(SystemExit, match="already has test metrics"):
        run(tmp_path, "--test-checkpoints")
