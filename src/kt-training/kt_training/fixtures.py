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
    forgetting_psikt(out)


def forgetting_psikt(out: Path) -> None:
    """A PSI-KT whose answer is known by construction: every history leaves each skill at z = +2 (mastery about 0.85),
    and the traits (alpha = 0.5 per day, mu = -2) make it fade toward 0.12 without practice, so the mastery service's
    forgetting can be tested against a direction that does not depend on random weights."""
    torch.manual_seed(11)
    model = models.create("psikt", 5, node_dim=4, categories=3, hidden=8, lstm_hidden=8)
    with torch.no_grad():
        model.z_mean.weight.zero_()
        model.z_mean.bias.fill_(2.0)
        model.z_logvar.weight.zero_()
        model.z_logvar.bias.fill_(-2.0)
        model.s_mean.weight.zero_()
        model.s_mean.bias.copy_(torch.tensor([0.5, -2.0, 0.3, -4.0]))
        model.trans.copy_(torch.eye(4))
    model.eval()
    card = export_model(model, tiny_dataset(), out, "tiny-psikt-forgetting", None, None, 11)
    print(f"wrote {out / card['onnx']}")


if __name__ == "__main__":
    main()
