"""Model registry and the one scoring path every model shares (so all AUCs use the same positions)."""
from __future__ import annotations

import numpy as np
import torch

from .cakt import CAKT, skills_asked_ahead
from .data import Batch
from .dkt import DKT
from .psikt import PSIKT

DEFAULTS = {
    "dkt": {"embed_dim": 64, "hidden_dim": 128, "dropout": 0.2},
    "cakt": {"side": 8, "frames": 4, "dropout": 0.0},
    "psikt": {"node_dim": 16, "categories": 10, "hidden": 64, "lstm_hidden": 64, "pred_weight": 1.0, "elbo_weight": 0.01},
}
TRAINING = {
    # lr, weight decay, batch size, max epochs, patience (epochs without a better validation AUC). The epoch caps are
    # low because the CPUs are shared; DKT's validation AUC gains < 0.004 between epochs 5 and 10 on fold 1.
    "dkt": {"lr": 1e-3, "weight_decay": 0.0, "batch_size": 32, "max_epochs": 8, "patience": 2},
    # CAKT: batch 8 gave a higher validation AUC than 32 on fold 1 of both data sets (ASSIST2009 0.8202 against 0.8164;
    # STATICS 0.8192 at 10 epochs against 0.7928 at 5), since the convolution branch needs many more updates.
    "cakt": {"lr": 1e-3, "weight_decay": 1e-5, "batch_size": 8, "max_epochs": 8, "patience": 2},
    "psikt": {"lr": 5e-3, "weight_decay": 1e-5, "batch_size": 32, "max_epochs": 8, "patience": 2},
}


def create(kind: str, num_skills: int, **overrides) -> torch.nn.Module:
    params = {**DEFAULTS[kind], **overrides}
    cls = {"dkt": DKT, "cakt": CAKT, "psikt": PSIKT}[kind]
    return cls(num_skills, **params)


def train_loss(model, batch: Batch) -> tuple[torch.Tensor, torch.Tensor]:
    """(loss to optimise, next-step BCE for the progress bar)."""
    if model.kind == "psikt":
        return model.loss(batch.skills, batch.correct, batch.times, batch.mask)
    if model.kind == "cakt":
        rows = torch.nonzero(batch.mask.reshape(-1) > 0).reshape(-1)
        logits = model(batch.skills, batch.correct, batch.mask, conv_rows=rows)
    else:
        logits = model(batch.skills, batch.correct)
    nxt = logits[:, :-1].gather(2, batch.skills[:, 1:].unsqueeze(-1)).squeeze(-1)
    m = batch.mask[:, 1:]
    bce = (torch.nn.functional.binary_cross_entropy_with_logits(nxt, batch.correct[:, 1:], reduction="none") * m).sum() / m.sum()
    return bce, bce


@torch.no_grad()
def ahead_logits(model, batch: Batch, horizon: int) -> torch.Tensor:
    """[B, L - horizon]: position n scores interaction n + horizon from the history 1..n."""
    if model.kind == "psikt":
        return psikt_ahead(model, batch, horizon)
    if getattr(model, "query_aware", False):
        # The clip at n must be the one of the skill asked at n + horizon, not at n + 1.
        logits = model(batch.skills, batch.correct, query=skills_asked_ahead(batch.skills, horizon))
    else:
        logits = model(batch.skills, batch.correct)
    return logits[:, :-horizon].gather(2, batch.skills[:, horizon:].unsqueeze(-1)).squeeze(-1)


def psikt_ahead(model: PSIKT, batch: Batch, horizon: int) -> torch.Tensor:
    """Independent query mode: one OU step from the posterior at n straight to the time of n + horizon."""
    s_mean, s_var, z_mean, z_var, _ = model.encode(batch.skills, batch.correct, batch.times, batch.mask)
    s_mean, z_mean, z_var = s_mean[:, :-horizon], z_mean[:, :-horizon], z_var[:, :-horizon]
    q_skill = batch.skills[:, horizon:]
    dt = batch.times[:, horizon:] - batch.times[:, :-horizon]
    idx = q_skill.unsqueeze(-1)
    transfer = (z_mean * model.adjacency().t()[q_skill]).sum(-1, keepdim=True)
    mean, var = model.ou_forecast(s_mean, z_mean.gather(2, idx), z_var.gather(2, idx), transfer, dt.unsqueeze(-1))
    return model.probit_logit(mean, var).squeeze(-1)


@torch.no_grad()
def score(model, batches, horizon: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Probabilities, labels and source-sequence index for every scored position (positions 1.. of each window
    shifted by the horizon; position 0 of a window is never a target)."""
    model.eval()
    ps, ys, seqs = [], [], []
    for batch in batches:
        if batch.skills.shape[1] <= horizon:
            continue
        p = torch.sigmoid(ahead_logits(model, batch, horizon))
        m = batch.mask[:, horizon:] > 0
        ps.append(p[m].numpy())
        ys.append(batch.correct[:, horizon:][m].numpy())
        seqs.append(np.repeat(np.asarray(batch.seq_index), m.sum(1).numpy()))
    if not ps:
        return np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64)
    return np.concatenate(ps), np.concatenate(ys), np.concatenate(seqs)
