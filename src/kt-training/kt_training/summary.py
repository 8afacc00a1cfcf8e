"""Markdown table of the figures in reports/*.json (Python runs) and reports/bkt-*.json (C# `tutor kt evaluate --model bkt --json`).

    /usr/bin/python3 -m kt_training.summary > RESULTS-table.md
"""
from __future__ import annotations

import json
from pathlib import Path

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def fmt(stat: dict | None) -> str:
    if not stat:
        return "-"
    n = len(stat.get("values", []))
    if n == 1:
        return f"{100 * stat['mean']:.2f} (1 fold only)"
    return f"{100 * stat['mean']:.2f} ± {100 * stat['std']:.2f} (n={n})"


def main() -> None:
    rows = []
    for path in sorted(REPORTS.glob("*.json")):
        r = json.loads(path.read_text())
        if path.name.startswith("bkt-"):
            folds = r["folds"]
            aucs = [f["test"]["auc"] for f in folds]
            nodup = [f["testWithoutTrainDuplicates"]["auc"] for f in folds]
            mean = lambda v: sum(v) / len(v)
            std = lambda v: (sum((x - mean(v)) ** 2 for x in v) / (len(v) - 1)) ** 0.5 if len(v) > 1 else 0.0
            rows.append(("BKT (C#, EM)", path.stem[4:], fmt({"mean": mean(aucs), "std": std(aucs), "values": aucs}),
                         fmt({"mean": mean(nodup), "std": std(nodup), "values": nodup}), "-", "-"))
            continue
        s = r["summary"]
        rows.append((r["model"].upper().replace("PSIKT", "PSI-KT"), r["dataset"], fmt(s["test"]["auc"]),
                     fmt(s["test_without_train_duplicates"]["auc"]), fmt(s.get("test_ahead10", {}).get("auc")),
                     fmt(s["valid_auc"])))
    print("| model | dataset | test AUC % (mean ± std over folds) | without train duplicates | 10-step-ahead | validation AUC |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
