"""Tiny untrained models (5 skills) with cards and parity files, for the C# binding and serving tests.

    /usr/bin/python3 -m kt_training.fixtures ../../tests/TutorApp.IntegrationTests/KnowledgeTracing/Models

They are a few kB each, so the tests do not depend on the large shipped models or on training."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch

from . import data, models
from .export import export_model


def tiny_dataset(k: int = 5) -> data.Dataset:
    return data.Dataset(name="tiny", num_skills=k, skill_ids=list(range(1, k + 1)), has_times=True,
                        train_folds=[], valid_folds=[], test=[], train_all=[])


def main(argv=None):
    out = Path((argv or sys.argv[1:] or ["."])[0])
    ds = tiny_dataset()
    sizes = {"dkt": {"embed_dim": 4, "hidden_dim": 6, "dropout": 0.0},
             "cakt": {"side": 2, "frames": 4, "channels": (2, 2, 2)},
             "psikt": {"node_dim": 4, "categories": 3, "hidden": 8, "lstm_hidden": 8}}
    for kind, hp in sizes.items():
        torch.manual_seed(11)
        np.random.seed(11)
        model = models.create(kind, ds.num_skills, **hp)
        if kind == "cakt":
            # Non-trivial BatchNorm statistics, so that the parity test would notice BN left in training mode.
            for m in model.modules():
                if isinstance(m, torch.nn.BatchNorm3d):
                    m.running_mean.uniform_(-0.5, 0.5)
                    m.running_var.uniform_(0.5, 1.5)
        model.eval()
        card = export_model(model, ds, out, f"tiny-{kind}", None, None, 11)
        print(f"wrote {out / card['onnx']}")


if __name__ == "__main__":
    main()
