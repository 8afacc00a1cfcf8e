"""Python baseline for the C# ONNX inference benchmarks (tests/TutorApp.Benchmarks, KtBenchmarks.cs): the shipped models
in PyTorch eager mode on the CPU, one thread (as ONNX Runtime is served), on the same inputs, one call per measurement.

Inputs (the same rule as KtInputs.cs): the ASSIST2009 test file in file order; the long learner is the first with at
least 200 interactions (first 50 / 200 = one student's history, interaction 51 = the update after 50); the batch is the
first 256 learners with at least 50 interactions, cut to their first 50.

Weights come from the checkpoint of the shipped fold (runs/<name>-fold<card fold>.pt) when it is there; without it the
model is built from the card's hyper-parameters with random weights (same shapes, so the same time) and the output says so.

    /usr/bin/python3 -m kt_training.bench [--dotnet BENCHMARKDOTNET_RESULTS_DIR] [--json out.json]

With --dotnet (the `results` folder of a BenchmarkDotNet run with KtInferenceBenchmarks and KtBatchBenchmarks), it
also prints the C# figures from the raw measurements and the speed-up ratio PyTorch time / C# time.
"""
from __future__ import annotations

import argparse
import inspect
import json
import platform
import time
from pathlib import Path

import numpy as np
import torch

from . import data, models

ROOT = Path(__file__).resolve().parents[1]
MODELS_DIR = ROOT.parent / "TutorApp.KnowledgeTracing" / "Models"
NAMES = ["dkt-assist2009", "cakt-assist2009", "psikt-assist2009"]
BATCH, BATCH_LENGTH = 256, 50
# (warm-up calls, measured calls): as in the C# job configurations, but half the batch calls (CAKT takes seconds).
CALLS = {"one": (10, 300), "batch": (1, 10)}


def load_model(name: str) -> tuple[torch.nn.Module, dict, str]:
    card = json.loads((MODELS_DIR / f"{name}.card.json").read_text())
    kind, k = card["model"], card["dataset"]["num_skills"]
    ckpt = ROOT / "runs" / f"{name}-fold{card['fold']}.pt"
    if ckpt.exists():
        ck = torch.load(ckpt)
        model = models.create(kind, ck["num_skills"], **ck["hparams"])
        model.load_state_dict(ck["state"])
        source = f"checkpoint {ckpt.name}"
    else:
        accepted = inspect.signature(models.create(kind, k).__class__).parameters
        model = models.create(kind, k, **{a: v for a, v in card["hyperparameters"].items() if a in accepted})
        source = "random weights (no checkpoint; card hyper-parameters)"
    return model.eval(), card, source


def skill_index(card: dict, ids: list[int]) -> list[int]:
    skills = card["dataset"]["skills"]
    if "ids" in skills:
        position = {sid: i for i, sid in enumerate(skills["ids"])}
        return [position[i] for i in ids]
    return [i - skills["first_id"] for i in ids]


def inputs(card: dict) -> dict:
    test = data.read_dkvmn(data.data_root() / "kt" / "assist2009" / "assist2009_updated_test.csv")
    long_ids, long_ys = next((ids, ys) for ids, ys in test if len(ids) >= 200)
    batch = [(ids[:BATCH_LENGTH], ys[:BATCH_LENGTH]) for ids, ys in test if len(ids) >= BATCH_LENGTH][:BATCH]

    def tensors(rows):
        skills = torch.tensor([skill_index(card, ids) for ids, _ in rows], dtype=torch.int64)
        correct = torch.tensor([ys for _, ys in rows], dtype=torch.float32)
        return skills, correct

    return {"long": tensors([(long_ids[:200], long_ys[:200])]), "batch": tensors(batch)}


def full_call(model, skills, correct):
    """The call behind C#'s Predict / PredictNextSteps: the whole window, every output the ONNX graph computes."""
    if model.kind != "psikt":
        return lambda: model(skills, correct)
    b, n = skills.shape
    times = torch.arange(n, dtype=torch.float32).expand(b, n).contiguous()
    mask = torch.ones(b, n)
    q_skill = torch.zeros(b, 1, dtype=torch.int64)
    q_time = times[:, -1:].clone()
    return lambda: model.serve(skills, correct, times, mask, q_skill, q_time)


def step_call(model, skills, correct):
    """One update after 50 interactions, as OnnxKnowledgeTracer.Update does it: DKT and CAKT one step of their step
    model from the carried state; PSI-KT the 51-interaction window again."""
    hist_s, hist_c = skills[:, :50], correct[:, :50]
    s, c = skills[:, 50], correct[:, 50]
    with torch.no_grad():
        if model.kind == "dkt":
            _, (h, cc) = model.lstm(model.embed(model.interaction_ids(hist_s, hist_c)))
            return lambda: model.step(s, c, h, cc)
        if model.kind == "cakt":
            # Both LSTM states after 50 interactions: the full model's layers up to the rear LSTM.
            e = model.embed(model.interaction_ids(hist_s, hist_c))
            h_front, (hf, cf) = model.lstm_front(e)
            clip = torch.einsum("bnmj,bjd->bnmd", model.clip_weights(hist_s, torch.ones_like(hist_c), hist_s), e)
            f_conv = model.blocks(clip.reshape(50, 1, model.frames, model.side, model.side)).mean(dim=2).reshape(1, 50, model.dim)
            both = torch.cat([f_conv, h_front], dim=-1)
            fused = torch.sigmoid(model.gate_conv(both)) * f_conv + torch.sigmoid(model.gate_lstm(both)) * h_front
            _, (hr, cr) = model.lstm_rear(fused)
            # The clip of interaction 51: the last k interactions on its skill among 1..51, oldest first.
            k = model.frames
            same = [j for j in range(51) if skills[0, j] == s[0]][-k:]
            ids = torch.zeros(1, k, dtype=torch.int64)
            dist = torch.zeros(1, k)
            for slot, j in enumerate(same, start=k - len(same)):
                ids[0, slot] = model.interaction_ids(skills[0, j], correct[0, j])
                dist[0, slot] = 50 - j
            return lambda: model.step(s, c, ids, dist, hf, cf, hr, cr)
    return full_call(model, skills[:, :51], correct[:, :51])


def measure(fn, warmups: int, calls: int) -> np.ndarray:
    with torch.no_grad():
        for _ in range(warmups):
            fn()
        out = np.empty(calls)
        for i in range(calls):
            t0 = time.perf_counter_ns()
            fn()
            out[i] = time.perf_counter_ns() - t0
    return out / 1e6  # ms


def dotnet_figures(results: Path) -> dict[tuple[str, str], np.ndarray]:
    """(model, case) -> per-call ms from BenchmarkDotNet's full JSON exports (the measurements of the Result stage)."""
    cases = {"OneStudent50": "1x50", "OneStudent200": "1x200", "StepUpdate": "step", "Batch256x50": "256x50"}
    found = {}
    for path in sorted(results.glob("*-report-full.json")):
        for bench in json.loads(path.read_text())["Benchmarks"]:
            if bench["Method"] not in cases:
                continue
            model = bench["Parameters"].split("=", 1)[1]
            ms = [m["Nanoseconds"] / m["Operations"] / 1e6 for m in bench["Measurements"]
                  if m["IterationMode"] == "Workload" and m["IterationStage"] == "Result"]
            found[(model, cases[bench["Method"]])] = np.asarray(ms)
    return found


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=",".join(NAMES))
    ap.add_argument("--dotnet", help="BenchmarkDotNet results folder (…/BenchmarkDotNet.Artifacts/results)")
    ap.add_argument("--json", help="write the figures here as JSON")
    args = ap.parse_args(argv)
    torch.set_num_threads(1)

    rows = []
    for name in args.models.split(","):
        model, card, source = load_model(name)
        x = inputs(card)
        (ls, lc), (bs, bc) = x["long"], x["batch"]
        cases = {"1x50": (full_call(model, ls[:, :50], lc[:, :50]), "one", 1),
                 "1x200": (full_call(model, ls, lc), "one", 1),
                 "step": (step_call(model, ls, lc), "one", 1),
                 "256x50": (full_call(model, bs, bc), "batch", BATCH)}
        for case, (fn, calls, per) in cases.items():
            ms = measure(fn, *CALLS[calls])
            rows.append({"model": name, "case": case, "weights": source, "sequences_per_call": per, "calls": len(ms),
                         "p50_ms": float(np.percentile(ms, 50)), "p99_ms": float(np.percentile(ms, 99))})

    dotnet = dotnet_figures(Path(args.dotnet)) if args.dotnet else {}
    print(f"PyTorch {torch.__version__} eager, CPU, 1 thread ({platform.processor() or platform.machine()}); ms per call")
    header = "| model | case | PyTorch p50 | PyTorch p99 | per sequence (p50) |"
    if dotnet:
        header += " C# ONNX p50 | C# ONNX p99 | speed-up p50 (PyTorch / C#) |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for r in rows:
        line = (f"| {r['model']} | {r['case']} | {r['p50_ms']:.3f} | {r['p99_ms']:.3f} | "
                f"{r['p50_ms'] / r['sequences_per_call']:.4f} |")
        cs = dotnet.get((r["model"], r["case"]))
        if cs is not None and len(cs):
            c50, c99 = float(np.percentile(cs, 50)), float(np.percentile(cs, 99))
            r.update(dotnet_p50_ms=c50, dotnet_p99_ms=c99, speedup_p50=r["p50_ms"] / c50)
            line += f" {c50:.3f} | {c99:.3f} | {r['p50_ms'] / c50:.2f}× |"
        elif dotnet:
            line += " – | – | – |"
        print(line)
    for name in sorted({(r["model"], r["weights"]) for r in rows}):
        print(f"{name[0]}: {name[1]}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
