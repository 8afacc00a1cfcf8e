"""Train a knowledge-tracing model on 5 folds, select on validation only, report test metrics, export ONNX.

    /usr/bin/python3 -m kt_training.train --model cakt --dataset assist2009 --out reports/ --export-dir ../TutorApp.KnowledgeTracing/Models

Protocol (kt-models.md section 3): for each fold f, train on train_f, early-stop on AUC of valid_f, evaluate the best
checkpoint once on the test file. Windows of at most 200 interactions with the state reset at each window; the first
interaction of a window is not scored. The test file is never read before the fold's model is fixed.
"""
from __future__ import annotations

import argparse
import copy
import json
import platform
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

from . import data, models
from .metrics import binary_metrics, mean_std
from .progress import Progress


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def length_batches(ws, batch_size, rng):
    """Windows of similar length together (far less padding, which matters a lot for CAKT's convolutions);
    random tie-breaks and a shuffled batch order keep epochs different."""
    lengths = np.array([len(w.skills) for w in ws]) + rng.random(len(ws))
    order = np.argsort(lengths)
    chunks = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    rng.shuffle(chunks)
    for chunk in chunks:
        yield data.collate([ws[i] for i in chunk])


def evaluate(model, ws, batch_size=128):
    return models.score(model, data.batches(sorted(ws, key=lambda w: len(w.skills)), batch_size))


def train_fold(kind, ds, fold, hp, tr, seed, log, limit=None):
    set_seed(seed + fold)
    train_w = data.windows(ds.train_folds[fold])
    valid_w = data.windows(ds.valid_folds[fold])
    if limit:
        train_w, valid_w = train_w[:limit], valid_w[: max(limit // 4, 8)]
    model = models.create(kind, ds.num_skills, **hp)
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if name.endswith("bias") else decay).append(p)
    opt = torch.optim.Adam([{"params": decay, "weight_decay": tr["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}],
                           lr=tr["lr"], betas=(0.9, 0.99) if kind == "cakt" else (0.9, 0.999))
    rng = np.random.default_rng(seed + fold)
    best = {"auc": -1.0, "epoch": 0, "state": None}
    history, prev_loss = [], float("inf")
    for epoch in range(1, tr["max_epochs"] + 1):
        model.train()
        n_batches = (len(train_w) + tr["batch_size"] - 1) // tr["batch_size"]
        bar = Progress(n_batches, f"{kind} fold {fold + 1} epoch {epoch}")
        total, count, t0 = 0.0, 0, time.time()
        for batch in length_batches(train_w, tr["batch_size"], rng):
            loss, bce = models.train_loss(model, batch)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 100.0)
            opt.step()
            total += float(bce) * len(batch.seq_index)
            count += len(batch.seq_index)
            bar.update(1, f"bce {total / count:.4f}")
        p, y, _ = evaluate(model, valid_w)
        val = binary_metrics(p, y)
        train_loss = total / max(count, 1)
        history.append({"epoch": epoch, "train_bce": train_loss, "valid": val, "seconds": time.time() - t0})
        log(f"{kind} fold {fold + 1} epoch {epoch}: train bce {train_loss:.4f}, valid auc {val['auc']:.4f} "
            f"({time.time() - t0:.0f}s)")
        if val["auc"] > best["auc"]:
            best = {"auc": val["auc"], "epoch": epoch, "state": copy.deepcopy(model.state_dict())}
        elif epoch - best["epoch"] >= tr["patience"]:
            break
        if kind == "cakt":
            # CAKT's schedule (spec 2.5): x0.3 every 5 epochs and whenever the training loss went up.
            factor = (0.3 if epoch % 5 == 0 else 1.0) * (0.3 if train_loss > prev_loss else 1.0)
            for g in opt.param_groups:
                g["lr"] *= factor
        prev_loss = train_loss
    model.load_state_dict(best["state"])
    model.eval()
    return model, {"best_epoch": best["epoch"], "epochs_run": len(history), "valid_auc": best["auc"], "history": history}


def test_metrics(model, ds, horizons=(1, 10)):
    """Test metrics for a fixed model: all sequences, and without those that also occur in the train file."""
    test_w = data.windows(ds.test)
    dup = data.duplicate_test_sequences(ds.train_all, ds.test)
    out = {}
    for h in horizons:
        batches = data.batches(sorted(test_w, key=lambda w: len(w.skills)), 128)
        p, y, seq = models.score(model, batches, horizon=h)
        keep = ~np.isin(seq, list(dup))
        key = "test" if h == 1 else f"test_ahead{h}"
        out[key] = binary_metrics(p, y)
        out[key + "_without_train_duplicates"] = binary_metrics(p[keep], y[keep])
    out["duplicate_test_sequences"] = len(dup)
    return out


def summarise(folds):
    summary = {}
    for key in folds[0]["metrics"]:
        if not all(isinstance(f["metrics"][key], dict) and "auc" in f["metrics"][key] for f in folds):
            continue  # a count, or a metric some fold had no positions for (e.g. every test sequence also in train)
        summary[key] = {m: mean_std([f["metrics"][key][m] for f in folds]) for m in ("auc", "acc", "rmse", "bce")}
    summary["valid_auc"] = mean_std([f["valid_auc"] for f in folds])
    return summary


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True, choices=sorted(models.DEFAULTS))
    ap.add_argument("--dataset", default="assist2009", help="assist2009, statics, or a name for --data")
    ap.add_argument("--data", help="DKVMN folder or app CSV export (default: $TUTOR_DATA_DIR/kt/<dataset>)")
    ap.add_argument("--folds", default="1,2,3,4,5")
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--hparams", default="{}", help="JSON overrides of the model's hyper-parameters")
    ap.add_argument("--training", default="{}", help="JSON overrides of lr, weight_decay, batch_size, max_epochs, patience")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--validation-only", action="store_true",
                    help="do not score the test file: for comparing variants, which must be chosen on validation only")
    ap.add_argument("--test-checkpoints", action="store_true",
                    help="score the test file once for the folds of an earlier --validation-only run (its report and checkpoints)")
    ap.add_argument("--limit", type=int, help="use only this many training windows (smoke tests)")
    ap.add_argument("--report", help="JSON report path (default reports/<model>-<dataset>.json)")
    ap.add_argument("--export-dir", help="write <model>-<dataset>.onnx, .card.json and .parity.json here (fold with the best validation AUC)")
    ap.add_argument("--export-only", action="store_true", help="export from the report and checkpoints of an earlier run")
    ap.add_argument("--checkpoints", default=str(Path(__file__).resolve().parents[1] / "runs"))
    args = ap.parse_args(argv)
    if args.validation_only and not args.report:
        # The default report is the one the shipped model is exported from; a variant must not overwrite it.
        ap.error("--validation-only needs --report (and its own --checkpoints): the default report is the shipped model's")

    torch.set_num_threads(args.threads)
    source = Path(args.data) if args.data else data.data_root() / "kt" / args.dataset
    ds = data.load(source, args.dataset)
    hp = json.loads(args.hparams)
    tr = {**models.TRAINING[args.model], **json.loads(args.training)}
    name = f"{args.model}-{ds.name}"
    report_path = Path(args.report) if args.report else Path(__file__).resolve().parents[1] / "reports" / f"{name}.json"
    report_path.parent.mkdir(parents=True, exist_ok=True)
    ckpt_dir = Path(args.checkpoints)
    ckpt_dir.mkdir(parents=True, exist_ok=True)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    if args.test_checkpoints:
        report = test_saved_folds(report_path, ds, ckpt_dir, name, log)
        log(json.dumps(report["summary"])[:2000])
        return

    if args.export_only:
        if not args.export_dir:
            ap.error("--export-only needs --export-dir")
        report = json.loads(report_path.read_text())
        export_best(args, ds, ckpt_dir, name, report, log)
        return

    folds = []
    for f in [int(x) - 1 for x in args.folds.split(",")]:
        t0 = time.time()
        model, info = train_fold(args.model, ds, f, hp, tr, args.seed, log, args.limit)
        metrics = {} if args.validation_only else test_metrics(model, ds)
        if metrics:
            log(f"{name} fold {f + 1}: test auc {metrics['test']['auc']:.4f} "
                f"(without train duplicates {metrics['test_without_train_duplicates']['auc']:.4f})")
        torch.save({"state": model.state_dict(), "hparams": getattr(model, "config", model.hparams), "num_skills": ds.num_skills},
                   ckpt_dir / f"{name}-fold{f + 1}.pt")
        folds.append({"fold": f + 1, **info, "metrics": metrics, "seconds": time.time() - t0})
        write_report(report_path, args, ds, hp, tr, folds, model)

    report = write_report(report_path, args, ds, hp, tr, folds, model)
    log(json.dumps({k: v for k, v in report["summary"].items()}, indent=None)[:2000])
    if args.export_dir:
        export_best(args, ds, ckpt_dir, name, report, log)


def load_fold(kind, ds, ckpt_dir, name, fold):
    """The saved best-validation model of a fold, in eval mode, and the hyper-parameters it was built with."""
    ck = torch.load(ckpt_dir / f"{name}-fold{fold}.pt")
    model = models.create(kind, ds.num_skills, **ck["hparams"])
    model.load_state_dict(ck["state"])
    model.eval()
    return model, ck["hparams"]


def test_saved_folds(report_path, ds, ckpt_dir, name, log):
    """Test metrics for the folds of a --validation-only run, from their saved best-validation checkpoints: the models
    were fixed before the test file was read, as in a normal run. Folds that already have test metrics are refused."""
    report = json.loads(report_path.read_text())
    for fold in report["folds"]:
        if fold["metrics"]:
            raise SystemExit(f"{report_path}: fold {fold['fold']} already has test metrics")
        model, hparams = load_fold(report["model"], ds, ckpt_dir, name, fold["fold"])
        if any(report["hyperparameters"].get(k) != v for k, v in hparams.items()):
            raise SystemExit(f"{ckpt_dir}: the fold {fold['fold']} checkpoint has hyper-parameters {hparams}, "
                             f"not those of {report_path}")
        fold["metrics"] = test_metrics(model, ds)
        log(f"{name} fold {fold['fold']}: test auc {fold['metrics']['test']['auc']:.4f}")
    report["summary"] = summarise(report["folds"])
    report_path.write_text(json.dumps(report, indent=1))
    return report


def export_best(args, ds, ckpt_dir, name, report, log):
    """Ships the fold with the best validation AUC (never chosen by test)."""
    from .export import export_model
    best = max(report["folds"], key=lambda x: x["valid_auc"])
    model, _ = load_fold(args.model, ds, ckpt_dir, name, best["fold"])
    card = export_model(model, ds, Path(args.export_dir), name, report, best["fold"], args.seed)
    log(f"exported {card['onnx']} (fold {best['fold']}, sha256 {card['sha256'][:12]})")


def write_report(path, args, ds, hp, tr, folds, model):
    report = {
        "model": args.model,
        "dataset": ds.name,
        "num_skills": ds.num_skills,
        "time": "days since the learner's first interaction" if ds.has_times else
                "interaction index (the DKVMN files have no timestamps): dt = 1 step",
        "protocol": {
            "selection": "early stopping and checkpoint choice on the validation fold's AUC only; test read once per fold",
            "windows": f"consecutive windows of at most {data.WINDOW} interactions, state reset per window",
            "scored": "every interaction of a window except its first (next-step); ahead10 scores n+10 from 1..n",
            "auc": "pooled over all scored test positions; std over folds is the sample std (ddof=1)",
        },
        "seed": args.seed,
        "hyperparameters": model.hparams,
        "training": tr,
        "environment": {"torch": torch.__version__, "python": platform.python_version(), "threads": args.threads},
        "folds": folds,
        "summary": summarise(folds),
    }
    path.write_text(json.dumps(report, indent=1))
    return report


if __name__ == "__main__":
    main()
