"""DKT (Piech et al. 2015): the LSTM baseline. One embedding per (skill, response) pair, an LSTM, a linear layer
that scores every skill for the next step. Initial states are zeros so that inference is deterministic."""
from __future__ import annotations

import torch
from torch import nn


class DKT(nn.Module):
    kind = "dkt"

    def __init__(self, num_skills: int, embed_dim: int = 64, hidden_dim: int = 128, dropout: float = 0.2):
        super().__init__()
        self.num_skills = num_skills
        self.hparams = {"embed_dim": embed_dim, "hidden_dim": hidden_dim, "dropout": dropout}
        self.embed = nn.Embedding(2 * num_skills, embed_dim)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(hidden_dim, num_skills)

    def interaction_ids(self, skills: torch.Tensor, correct: torch.Tensor) -> torch.Tensor:
        return skills + self.num_skills * correct.to(torch.int64)

    def forward(self, skills: torch.Tensor, correct: torch.Tensor) -> torch.Tensor:
        """logits [B, L, K]: position n scores every skill for interaction n+1, having seen 1..n."""
        h, _ = self.lstm(self.embed(self.interaction_ids(skills, correct)))
        return self.out(self.drop(h))

    def step(self, skill, correct, h, c):
        """One interaction for one batch of learners: the O(1) update path the C# server uses."""
        x = self.embed(self.interaction_ids(skill, correct)).unsqueeze(1)
        out, (h2, c2) = self.lstm(x, (h, c))
        return self.out(out[:, 0]), h2, c2
