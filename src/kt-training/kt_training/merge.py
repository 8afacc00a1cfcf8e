"""One report from the folds of several runs of the same setting (folds run as separate processes, or on different days):

    /usr/bin/python3 -m kt_training.merge reports/cakt-statics-b8e10.json reports/cakt-statics-b8e10-fold2.json ...

The first file is rewritten with the folds of all of them and the mean ± std recomputed. The runs must agree on model,
dataset, seed, hyper-parameters and training settings, and no fold may appear twice.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .train import summarise

SAME = ("model", "dataset", "seed", "hyperparameters", "training")


def merge(paths: list[Path]) -> dict:
    reports = [json.loads(p.read_text()) for p in paths]
    first = reports[0]
    for path, r in zip(paths[1:], reports[1:]):
        for key in SAME:
            if r[key] != first[key]:
                raise ValueError(f"{path}: {key} is {r[key]!r}, but {paths[0]} has {first[key]!r}")
    folds = sorted((f for r in reports for f in r["folds"]), key=lambda f: f["fold"])
    numbers = [f["fold"] for f in folds]
    if len(set(numbers)) != len(numbers):
        raise ValueError(f"a fold occurs twice among {', '.join(map(str, paths))}: {numbers}")
    return {**first, "folds": folds, "summary": summarise(folds)}


def main(argv=None) -> None:
    paths = [Path(a) for a in (argv if argv is not None else sys.argv[1:])]
    if len(paths) < 2:
        sys.exit("usage: python -m kt_training.merge TARGET.json OTHER.json [...]")
    merged = merge(paths)
    paths[0].write_text(json.dumps(merged, indent=1))
    print(f"{paths[0]}: folds {[f['fold'] for f in merged['folds']]}, "
          f"test AUC {merged['summary']['test']['auc']['mean']:.4f} ± {merged['summary']['test']['auc']['std']:.4f}")


if __name__ == "__main__":
    main()
