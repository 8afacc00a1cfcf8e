"""ONNX export (opset 17, dynamic batch/length/query axes), the model card beside it, and a parity file.

The parity file holds a few random histories and the PyTorch outputs for them; the C# parity test feeds the same
inputs through ONNX Runtime and compares (tolerance 1e-4)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import numpy as np
import onnx
import torch
from torch import nn

from . import data

OPSET = 17
MAX_NAME_LENGTH = 41  # ModelCard.MaxNameLength on the server: the name plus "@" and a fingerprint fill 50 characters


class SequenceGraph(nn.Module):
    """DKT and CAKT: logits [B, L, K], position n scoring every skill for interaction n+1."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, hist_skill, hist_correct):
        return self.model(hist_skill, hist_correct)


class DktStepGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, skill, correct, h_in, c_in):
        return self.model.step(skill, correct, h_in, c_in)


class PsiktGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, hist_skill, hist_correct, hist_time, hist_mask, query_skill, query_time):
        return self.model.serve(hist_skill, hist_correct, hist_time, hist_mask, query_skill, query_time)


def signature(model) -> tuple[list[dict], list[dict]]:
    k = model.num_skills
    if model.kind == "psikt":
        inputs = [io("hist_skill", "int64", ["batch", "length"]), io("hist_correct", "float32", ["batch", "length"]),
                  io("hist_time", "float32", ["batch", "length"]), io("hist_mask", "float32", ["batch", "length"]),
                  io("query_skill", "int64", ["batch", "queries"]), io("query_time", "float32", ["batch", "queries"])]
        outputs = [io("p_correct", "float32", ["batch", "queries"]), io("mastery", "float32", ["batch", k]),
                   io("traits", "float32", ["batch", 4]), io("z_mean", "float32", ["batch", k]),
                   io("category_probs", "float32", ["batch", model.categories]), io("next_p", "float32", ["batch", "length"])]
    else:
        inputs = [io("hist_skill", "int64", ["batch", "length"]), io("hist_correct", "float32", ["batch", "length"])]
        outputs = [io("logits", "float32", ["batch", "length", k])]
    return inputs, outputs


def io(name, dtype, shape):
    return {"name": name, "dtype": dtype, "shape": shape}


def example_inputs(model, batch=3, length=9, queries=4, seed=7):
    """Random but valid histories: padded at the end (PSI-KT masks them), nondecreasing times."""
    g = torch.Generator().manual_seed(seed)
    k = model.num_skills
    skill = torch.randint(0, k, (batch, length), generator=g)
    correct = torch.randint(0, 2, (batch, length), generator=g).to(torch.float32)
    if model.kind != "psikt":
        return (skill, correct)
    lengths = [length - (i * 3) % max(length - 1, 1) for i in range(batch)]
    mask = torch.zeros(batch, length)
    for i, n in enumerate(lengths):
        mask[i, :n] = 1
    time = torch.cumsum(torch.rand(batch, length, generator=g) * 2, dim=1)
    time = time - time[:, :1]
    last = time.gather(1, torch.tensor(lengths).view(-1, 1) - 1)
    q_skill = torch.randint(0, k, (batch, queries), generator=g)
    q_time = last + torch.rand(batch, queries, generator=g) * 5
    return (skill, correct * mask, time, mask, q_skill, q_time)


def served(model):
    """The module that goes into the graph: CAKT's convolution stack as its 2D equivalent (see cakt.FrameBlock2d);
    the parity file still holds the trained model's own outputs, so the C# parity test checks the rewrite too."""
    return model.for_serving() if model.kind == "cakt" else model


def export_onnx(model, path: Path) -> None:
    model.eval()
    inputs, outputs = signature(model)
    graph = PsiktGraph(model) if model.kind == "psikt" else SequenceGraph(served(model))
    axes = {}
    for spec in inputs + outputs:
        axes[spec["name"]] = {i: d for i, d in enumerate(spec["shape"]) if isinstance(d, str)}
    with torch.no_grad():
        torch.onnx.export(graph, example_inputs(model), str(path), opset_version=OPSET,
                          input_names=[s["name"] for s in inputs], output_names=[s["name"] for s in outputs],
                          dynamic_axes=axes, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(str(path)))


def export_dkt_step(model, path: Path) -> dict:
    h = model.hparams["hidden_dim"]
    names_in = ["skill", "correct", "h_in", "c_in"]
    names_out = ["logits", "h_out", "c_out"]
    example = (torch.tensor([0, 1]), torch.tensor([1.0, 0.0]), torch.zeros(1, 2, h), torch.zeros(1, 2, h))
    with torch.no_grad():
        torch.onnx.export(DktStepGraph(model).eval(), example, str(path), opset_version=OPSET, input_names=names_in,
                          output_names=names_out, do_constant_folding=True,
                          dynamic_axes={"skill": {0: "batch"}, "correct": {0: "batch"}, "h_in": {1: "batch"}, "c_in": {1: "batch"},
                                        "logits": {0: "batch"}, "h_out": {1: "batch"}, "c_out": {1: "batch"}})
    onnx.checker.check_model(onnx.load(str(path)))
    return {"file": path.name, "sha256": sha256(path), "state_size": h,
            "inputs": [io("skill", "int64", ["batch"]), io("correct", "float32", ["batch"]),
                       io("h_in", "float32", [1, "batch", h]), io("c_in", "float32", [1, "batch", h])],
            "outputs": [io("logits", "float32", ["batch", model.num_skills]), io("h_out", "float32", [1, "batch", h]),
                        io("c_out", "float32", [1, "batch", h])]}


class CaktStepGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, skill, correct, clip_ids, clip_dist, hf_in, cf_in, hr_in, cr_in):
        return self.model.step(skill, correct, clip_ids, clip_dist, hf_in, cf_in, hr_in, cr_in)


def export_cakt_step(model, path: Path) -> dict:
    h, k = model.dim, model.frames
    states = ["hf", "cf", "hr", "cr"]
    names_in = ["skill", "correct", "clip_ids", "clip_dist"] + [f"{s}_in" for s in states]
    names_out = ["logits"] + [f"{s}_out" for s in states]
    example = (torch.tensor([0, 1]), torch.tensor([1.0, 0.0]), torch.tensor([[0, 0, 3, 5], [0, 0, 0, 2]]),
               torch.tensor([[0.0, 0.0, 2.0, 0.0], [0.0, 0.0, 0.0, 0.0]])) + tuple(torch.zeros(1, 2, h) for _ in states)
    axes = {"skill": {0: "batch"}, "correct": {0: "batch"}, "clip_ids": {0: "batch"}, "clip_dist": {0: "batch"}, "logits": {0: "batch"}}
    axes.update({f"{s}_{d}": {1: "batch"} for s in states for d in ("in", "out")})
    with torch.no_grad():
        torch.onnx.export(CaktStepGraph(served(model)).eval(), example, str(path), opset_version=OPSET, input_names=names_in,
                          output_names=names_out, do_constant_folding=True, dynamic_axes=axes)
    onnx.checker.check_model(onnx.load(str(path)))
    return {"file": path.name, "sha256": sha256(path), "state_size": h, "frames": k,
            "inputs": [io("skill", "int64", ["batch"]), io("correct", "float32", ["batch"]),
                       io("clip_ids", "int64", ["batch", k]), io("clip_dist", "float32", ["batch", k])]
                      + [io(f"{s}_in", "float32", [1, "batch", h]) for s in states],
            "outputs": [io("logits", "float32", ["batch", model.num_skills])] + [io(f"{s}_out", "float32", [1, "batch", h]) for s in states]}


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_parity(model, path: Path) -> None:
    inputs, outputs = signature(model)
    example = example_inputs(model)
    graph = PsiktGraph(model) if model.kind == "psikt" else SequenceGraph(model)
    with torch.no_grad():
        result = graph.eval()(*example)
    if isinstance(result, torch.Tensor):
        result = (result,)
    doc = {"tolerance": 1e-4,
           "inputs": [{"name": s["name"], "dtype": s["dtype"], "shape": list(t.shape), "data": t.flatten().tolist()}
                      for s, t in zip(inputs, example)],
           "outputs": [{"name": s["name"], "shape": list(t.shape), "data": [round(float(x), 7) for x in t.flatten()]}
                       for s, t in zip(outputs, result)]}
    path.write_text(json.dumps(doc))


def export_model(model, ds: "data.Dataset", out_dir: Path, name: str, report: dict | None, fold: int | None, seed: int) -> dict:
    if getattr(model, "query_aware", False):
        # Its clip at n depends on the skill asked next, which the step model and the mastery-per-skill outputs do not
        # take; it exists for the validation comparison with the code variant (RESULTS.md), not for serving.
        raise ValueError("a query-aware CAKT cannot be exported: the server's CAKT graphs take no next-skill query")
    if not 1 <= len(name) <= MAX_NAME_LENGTH:
        raise ValueError(f"model name {name!r} has {len(name)} characters; the server takes 1 to {MAX_NAME_LENGTH} "
                         "(ModelCard.MaxNameLength): pass a shorter --dataset name")
    out_dir.mkdir(parents=True, exist_ok=True)
    onnx_path = out_dir / f"{name}.onnx"
    export_onnx(model, onnx_path)
    write_parity(model, out_dir / f"{name}.parity.json")
    inputs, outputs = signature(model)
    consecutive = ds.skill_ids == list(range(ds.skill_ids[0], ds.skill_ids[0] + ds.num_skills))
    card = {
        "format": "tutorapp-kt-card/1",
        "name": name,
        "model": model.kind,
        "onnx": onnx_path.name,
        "sha256": sha256(onnx_path),
        "opset": OPSET,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "dataset": {
            "name": ds.name,
            "num_skills": ds.num_skills,
            # index i of the model's skill axis is skill id first_id + i, or skill_ids[i] when the ids have gaps
            "skills": {"first_id": ds.skill_ids[0], "count": ds.num_skills} if consecutive else {"ids": ds.skill_ids},
            "time": "days since the learner's first interaction" if ds.has_times else
                    "interaction index: the DKVMN files have no timestamps (dt = 1 step)",
            "time_unit": "days" if ds.has_times else "steps",
        },
        "window": data.WINDOW,
        "scoring": "next-step: position n of a window scores interaction n+1; the first interaction of each window is not scored",
        "fold": fold,
        "folds": [] if report is None else [{"fold": f["fold"], "best_epoch": f["best_epoch"], "valid_auc": f["valid_auc"],
                                             "test": f["metrics"]["test"],
                                             "test_without_train_duplicates": f["metrics"]["test_without_train_duplicates"]}
                                            for f in report["folds"]],
        "metrics": {} if report is None else {
            "shipped_fold_test": next(f["metrics"]["test"] for f in report["folds"] if f["fold"] == fold),
            "mean_over_folds": report["summary"]},
        "hyperparameters": model.hparams,
        "training": None if report is None else report["training"],
        "seed": seed,
        "inputs": inputs,
        "outputs": outputs,
        "parity": f"{name}.parity.json",
    }
    if model.kind == "dkt":
        card["step"] = export_dkt_step(model, out_dir / f"{name}.step.onnx")
    if model.kind == "cakt":
        card["step"] = export_cakt_step(model, out_dir / f"{name}.step.onnx")
    if model.kind == "psikt":
        graph_path = out_dir / f"{name}.graph.json"
        with torch.no_grad():
            adj = model.adjacency().numpy()
        top = {str(ds.skill_ids[j]): [[ds.skill_ids[i], round(float(adj[i, j]), 4)] for i in np.argsort(-adj[:, j])[:5]]
               for j in range(ds.num_skills)}
        graph_path.write_text(json.dumps({"description": "top-5 prerequisites per skill: [prerequisite skill id, p(i->j)]",
                                          "prerequisites": top}))
        card["graph"] = graph_path.name
    # Strict JSON (no NaN tokens): readers such as System.Text.Json reject them.
    (out_dir / f"{name}.card.json").write_text(json.dumps(finite(card), indent=1, allow_nan=False))
    return card


def finite(value):
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value
