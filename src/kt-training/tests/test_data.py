import numpy as np
import pytest

from kt_training import data


def write_dkvmn(path, learners, trailing_comma=False):
    end = "," if trailing_comma else ""
    with open(path, "w") as f:
        for ids, ys in learners:
            f.write(f"{len(ids)}{end}\n{','.join(map(str, ids))}{end}\n{','.join(map(str, ys))}{end}\n")


@pytest.mark.parametrize("trailing_comma", [False, True])
def test_dkvmn_three_line_format(tmp_path, trailing_comma):
    write_dkvmn(tmp_path / "x.csv", [([3, 3, 1], [0, 1, 1]), ([2], [1])], trailing_comma)
    assert data.read_dkvmn(tmp_path / "x.csv") == [([3, 3, 1], [0, 1, 1]), ([2], [1])]


def test_dkvmn_length_mismatch_is_an_error(tmp_path):
    (tmp_path / "x.csv").write_text("3\n1,2\n0,1\n")
    with pytest.raises(ValueError, match="declares 3"):
        data.read_dkvmn(tmp_path / "x.csv")


def make_folder(tmp_path, prefix="toy"):
    rng = np.random.default_rng(0)
    learners = [(list(rng.integers(1, 8, size=n)), list(rng.integers(0, 2, size=n))) for n in (5, 12, 3, 30, 2, 9)]
    for f in range(1, 6):
        write_dkvmn(tmp_path / f"{prefix}_train{f}.csv", learners[:4])
        write_dkvmn(tmp_path / f"{prefix}_valid{f}.csv", learners[4:])
    write_dkvmn(tmp_path / f"{prefix}_train.csv", learners)
    write_dkvmn(tmp_path / f"{prefix}_test.csv", [learners[1], ([1, 2, 3], [1, 1, 0])])
    return learners


def test_dkvmn_folder_maps_ids_to_zero_based_skills_and_finds_duplicates(tmp_path):
    make_folder(tmp_path)
    ds = data.load_dkvmn(tmp_path, "toy")
    assert ds.num_skills == max(max(ids) for ids, _ in data.read_dkvmn(tmp_path / "toy_train.csv") + data.read_dkvmn(tmp_path / "toy_test.csv"))
    assert ds.test[1].skills.tolist() == [0, 1, 2]
    assert not ds.has_times and ds.test[1].times.tolist() == [0, 1, 2]
    assert data.duplicate_test_sequences(ds.train_all, ds.test) == {0}


def test_windows_reset_at_200_and_drop_single_interaction_tails():
    seq = data.LearnerSequence(np.arange(401) % 5, np.ones(401, np.int64), np.arange(401, dtype=np.float32))
    ws = data.windows([seq])
    assert [len(w.skills) for w in ws] == [200, 200]
    assert ws[1].times[0] == 0  # times restart with the window


def test_app_csv_expands_multi_skill_rows_and_measures_days(tmp_path):
    path = tmp_path / "export.csv"
    rows = ["student_id,step_id,skill_ids,correct,timestamp,hints_used,session_id"]
    for s in range(20):
        rows.append(f"s{s},1,12;40,1,2024-01-01T10:00:00.000Z,0,")
        rows.append(f"s{s},2,40,0,2024-01-03T10:00:00.000Z,1,7")
    path.write_text("\n".join(rows) + "\n")
    ds = data.load_app_csv(path)
    assert ds.skill_ids == [12, 40] and ds.num_skills == 2 and ds.has_times
    first = ds.train_all[0] if ds.train_all else ds.test[0]
    assert first.skills.tolist() == [0, 1, 1]
    assert first.times.tolist() == pytest.approx([0.0, 0.0, 2.0])
    everyone = len(ds.test) + len(ds.train_all)
    assert everyone == 20
    for f in range(5):
        assert len(ds.train_folds[f]) + len(ds.valid_folds[f]) == len(ds.train_all)


def test_app_csv_missing_column_is_named(tmp_path):
    (tmp_path / "bad.csv").write_text("student_id,correct,timestamp\na,1,2024-01-01T00:00:00Z\n")
    with pytest.raises(ValueError, match="skill_ids"):
        data.load_app_csv(tmp_path / "bad.csv")
