"""Data loading: DKVMN three-line files and the app's interaction export, windowing and batching.

Conventions (used by every model and by the C# evaluator, so that the AUCs are comparable):
- skills are 0-based indexes 0..K-1 inside the models; DKVMN ids are 1-based, so index = id - 1;
- long sequences are cut into consecutive windows of at most WINDOW interactions and the state is reset at each
  window (the DKVMN convention); the first interaction of each window is not scored (nothing precedes it);
- times are days since the learner's first interaction; DKVMN files have none, so the interaction index is the
  time (dt = 1 step) and every result table says so.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Iterable, Sequence as Seq

import numpy as np
import torch

WINDOW = 200


@dataclasses.dataclass(frozen=True)
class LearnerSequence:
    skills: np.ndarray      # int64 [N], 0-based
    correct: np.ndarray     # int64 [N], 0/1
    times: np.ndarray       # float32 [N], days since the first interaction (index when the source has no times)
    key: str = ""           # identity used to find sequences that occur in both train and test

    def __len__(self) -> int:
        return len(self.skills)


@dataclasses.dataclass(frozen=True)
class Dataset:
    name: str
    num_skills: int
    skill_ids: list[int]    # app/source id of each skill index (index i <-> skill_ids[i])
    has_times: bool
    train_folds: list[list[LearnerSequence]]
    valid_folds: list[list[LearnerSequence]]
    test: list[LearnerSequence]
    train_all: list[LearnerSequence]


def data_root(explicit: str | None = None) -> Path:
    """TUTOR_DATA_DIR, else ../shared/data beside the checkout (the project's convention)."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("TUTOR_DATA_DIR")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data"


def _sequence_key(skills: Iterable[int], correct: Iterable[int]) -> str:
    text = ",".join(map(str, skills)) + "|" + ",".join(map(str, correct))
    return hashlib.sha1(text.encode()).hexdigest()


def read_dkvmn(path: Path) -> list[tuple[list[int], list[int]]]:
    """Three lines per learner: length, ids (1-based), responses. STATICS lines end with a trailing comma."""
    if not path.exists():
        raise FileNotFoundError(f"DKVMN file not found: {path} (set TUTOR_DATA_DIR or pass --data)")
    lines = [line.strip() for line in path.read_text().splitlines()]
    lines = [line for line in lines if line]
    if len(lines) % 3 != 0:
        raise ValueError(f"{path}: {len(lines)} non-empty lines, expected a multiple of 3 (length, ids, responses)")
    result = []
    for i in range(0, len(lines), 3):
        n = int(lines[i].rstrip(","))
        ids = [int(x) for x in lines[i + 1].split(",") if x.strip()]
        ys = [int(x) for x in lines[i + 2].split(",") if x.strip()]
        if len(ids) != n or len(ys) != n:
            raise ValueError(f"{path}: learner at line {i + 1} declares {n} interactions but has {len(ids)} ids and {len(ys)} responses")
        if any(y not in (0, 1) for y in ys):
            raise ValueError(f"{path}: learner at line {i + 1} has a response other than 0/1")
        result.append((ids, ys))
    return result


def _to_sequences(raw: list[tuple[list[int], list[int]]], first_id: int, num_skills: int, path: Path) -> list[LearnerSequence]:
    out = []
    for ids, ys in raw:
        skills = np.asarray(ids, dtype=np.int64) - first_id
        if skills.size and (skills.min() < 0 or skills.max() >= num_skills):
            raise ValueError(f"{path}: skill id outside {first_id}..{first_id + num_skills - 1}")
        out.append(LearnerSequence(skills, np.asarray(ys, dtype=np.int64), np.arange(len(ids), dtype=np.float32),
                                   _sequence_key(ids, ys)))
    return out


DKVMN_PREFIX = {"assist2009": "assist2009_updated", "statics": "STATICS"}


def load_dkvmn(directory: Path, name: str | None = None) -> Dataset:
    """A DKVMN-format folder: <prefix>_train{1..5}.csv, _valid{1..5}.csv, _test.csv, _train.csv."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"data folder not found: {directory} (set TUTOR_DATA_DIR or pass --data)")
    name = name or directory.name
    prefix = DKVMN_PREFIX.get(name)
    if prefix is None:
        candidates = sorted(p.name[: -len("_test.csv")] for p in directory.glob("*_test.csv"))
        if len(candidates) != 1:
            raise ValueError(f"{directory}: cannot tell the file prefix (found {candidates})")
        prefix = candidates[0]
    raw = {f.name: read_dkvmn(f) for f in sorted(directory.glob(f"{prefix}_*.csv"))}
    all_ids = [i for seqs in raw.values() for ids, _ in seqs for i in ids]
    # The number of skills is a property of the dataset, not of one file: fixed by the largest id anywhere.
    num_skills = max(all_ids)

    def seqs(file: str) -> list[LearnerSequence]:
        key = f"{prefix}_{file}.csv"
        if key not in raw:
            raise FileNotFoundError(f"{directory / key} is missing")
        return _to_sequences(raw[key], 1, num_skills, directory / key)

    return Dataset(name=name, num_skills=num_skills, skill_ids=list(range(1, num_skills + 1)), has_times=False,
                   train_folds=[seqs(f"train{f}") for f in range(1, 6)],
                   valid_folds=[seqs(f"valid{f}") for f in range(1, 6)],
                   test=seqs("test"), train_all=seqs("train"))


APP_COLUMNS = ("student_id", "skill_ids", "correct", "timestamp")


def read_app_csv(path: Path) -> tuple[dict[str, list[tuple[float, int, list[int], int]]], list[int]]:
    """The app's export (tutor kt export-interactions): one row per step attempt.

    Required columns: student_id, skill_ids (one id or several separated by ';'), correct (0/1 or true/false),
    timestamp (ISO 8601). Other columns (step_id, hints_used, session_id) are ignored here.
    """
    path = Path(path)
    with path.open(newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in APP_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {missing}; expected at least {list(APP_COLUMNS)}")
        rows: dict[str, list[tuple[float, int, list[int], int]]] = {}
        all_skills: set[int] = set()
        for line, row in enumerate(reader, start=2):
            try:
                skills = [int(s) for s in row["skill_ids"].replace(",", ";").split(";") if s.strip()]
                correct = {"1": 1, "0": 0, "true": 1, "false": 0}[row["correct"].strip().lower()]
                when = dt.datetime.fromisoformat(row["timestamp"].strip().replace("Z", "+00:00"))
            except (KeyError, ValueError) as e:
                raise ValueError(f"{path}:{line}: cannot read row {row}: {e}") from e
            if not skills:
                raise ValueError(f"{path}:{line}: no skill id")
            if when.tzinfo is None:
                when = when.replace(tzinfo=dt.timezone.utc)
            rows.setdefault(row["student_id"], []).append((when.timestamp(), line, skills, correct))
            all_skills.update(skills)
    return rows, sorted(all_skills)


def load_app_csv(path: Path, seed: int = 2023, test_fraction: float = 0.2) -> Dataset:
    """The app's export split by student: a fixed test share, then 5 folds over the rest (hash of id + seed)."""
    rows, skill_ids = read_app_csv(path)
    index = {sid: i for i, sid in enumerate(skill_ids)}
    learners = []
    for student, items in sorted(rows.items()):
        items.sort(key=lambda r: (r[0], r[1]))
        skills, correct, times = [], [], []
        t0 = items[0][0]
        for ts, _, sks, y in items:
            # A multi-skill attempt becomes one interaction per skill at the same time (the usual expansion).
            for s in sks:
                skills.append(index[s])
                correct.append(y)
                times.append((ts - t0) / 86400.0)
        learners.append((student, LearnerSequence(np.asarray(skills, np.int64), np.asarray(correct, np.int64),
                                                  np.asarray(times, np.float32), _sequence_key(skills, correct))))

    def bucket(student: str) -> float:
        h = hashlib.sha256(f"{seed}:{student}".encode()).digest()
        return int.from_bytes(h[:8], "big") / 2**64

    test = [s for st, s in learners if bucket(st) < test_fraction]
    rest = [(st, s) for st, s in learners if bucket(st) >= test_fraction]
    folds = [[s for st, s in rest if int((bucket(st) - test_fraction) / (1 - test_fraction) * 5) % 5 == f] for f in range(5)]
    train_folds = [[s for g in range(5) if g != f for s in folds[g]] for f in range(5)]
    return Dataset(name=Path(path).stem, num_skills=len(skill_ids), skill_ids=skill_ids, has_times=True,
                   train_folds=train_folds, valid_folds=folds, test=test, train_all=[s for _, s in rest])


def load(source: str | Path, name: str | None = None) -> Dataset:
    source = Path(source)
    if source.suffix.lower() == ".csv" and source.is_file():
        return load_app_csv(source)
    return load_dkvmn(source, name)


# ---------------------------------------------------------------------------------------------------- windows


@dataclasses.dataclass(frozen=True)
class Window:
    skills: np.ndarray
    correct: np.ndarray
    times: np.ndarray
    seq_index: int          # which learner sequence it came from (to drop train/test duplicates)


def windows(seqs: Seq[LearnerSequence], size: int = WINDOW) -> list[Window]:
    out = []
    for i, s in enumerate(seqs):
        for start in range(0, len(s), size):
            stop = min(start + size, len(s))
            if stop - start < 2:
                continue  # a one-interaction window has nothing to score
            t = s.times[start:stop]
            out.append(Window(s.skills[start:stop], s.correct[start:stop], (t - t[0]).astype(np.float32), i))
    return out


@dataclasses.dataclass
class Batch:
    skills: torch.Tensor    # int64 [B, L]
    correct: torch.Tensor   # float32 [B, L]
    times: torch.Tensor     # float32 [B, L]
    mask: torch.Tensor      # float32 [B, L]
    seq_index: list[int]


def collate(ws: Seq[Window]) -> Batch:
    length = max(len(w.skills) for w in ws)
    b = len(ws)
    skills = np.zeros((b, length), np.int64)
    correct = np.zeros((b, length), np.float32)
    times = np.zeros((b, length), np.float32)
    mask = np.zeros((b, length), np.float32)
    for i, w in enumerate(ws):
        n = len(w.skills)
        skills[i, :n] = w.skills
        correct[i, :n] = w.correct
        times[i, :n] = w.times
        times[i, n:] = w.times[-1]  # keeps dt = 0 on padding, so padded steps change nothing
        mask[i, :n] = 1
    return Batch(torch.from_numpy(skills), torch.from_numpy(correct), torch.from_numpy(times), torch.from_numpy(mask),
                 [w.seq_index for w in ws])


def batches(ws: Seq[Window], batch_size: int, rng: np.random.Generator | None = None) -> Iterable[Batch]:
    """Shuffled when rng is given; windows of similar length are not bucketed, so the order stays a plain permutation."""
    order = rng.permutation(len(ws)) if rng is not None else np.arange(len(ws))
    for start in range(0, len(ws), batch_size):
        yield collate([ws[i] for i in order[start:start + batch_size]])


def duplicate_test_sequences(train_all: Seq[LearnerSequence], test: Seq[LearnerSequence]) -> set[int]:
    """Indexes of test sequences that occur verbatim in the train file (ASSIST2009 has 85 such sequences)."""
    keys = {s.key for s in train_all}
    return {i for i, s in enumerate(test) if s.key in keys}
