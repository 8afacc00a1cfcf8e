"""CAKT (Yang, Zhu, Lu 2020), written from kt-models.md section 2 with its ONNX-friendly changes:
zero initial LSTM states, the same-skill clip built with tensor ops inside the graph (no Python loop), a plain mean
over the frame axis instead of adaptive pooling, explicit reshapes instead of squeeze()."""
from __future__ import annotations

import torch
from torch import nn


class FrameExcitation(nn.Module):
    """Squeeze-excitation over the frame axis; the weights are shared by all channels (spec 2.3)."""

    def __init__(self, frames: int):
        super().__init__()
        hidden = max(frames // 2, 1)
        self.fc1 = nn.Linear(frames, hidden, bias=False)
        self.fc2 = nn.Linear(hidden, frames, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # [N, C, F, H, W]
        w = x.mean(dim=(3, 4))
        w = torch.sigmoid(self.fc2(torch.relu(self.fc1(w))))
        return x * w.unsqueeze(-1).unsqueeze(-1)


def conv_over_frames(conv: nn.Conv3d, x: torch.Tensor) -> torch.Tensor:
    """conv(x) for x [N, C, F, H, W], computed as one 2D convolution over channels x frames with the 3D kernel unrolled
    along the frame axis (_frames_as_channels): the same function and the same parameters, but PyTorch's 2D kernels
    run it (forward and backward) several times faster on a CPU than its 3D ones."""
    n, c, f, h, w = x.shape
    out = nn.functional.conv2d(x.reshape(n, c * f, h, w), _frames_as_channels(conv.weight, f), padding=conv.padding[1:])
    return out.reshape(n, conv.out_channels, f, h, w)


class C3DBlock(nn.Module):
    def __init__(self, cin: int, cout: int, frames: int):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, cout, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm3d(cout)
        self.conv2 = nn.Conv3d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm3d(cout)
        self.se = FrameExcitation(frames)
        self.shortcut = nn.Sequential(nn.Conv3d(cin, cout, 1, bias=False), nn.BatchNorm3d(cout))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = torch.relu(self.bn1(conv_over_frames(self.conv1, x)))
        out = self.se(self.bn2(conv_over_frames(self.conv2, out)))
        return torch.relu(out + self.shortcut[1](conv_over_frames(self.shortcut[0], x)))


def _fold_batchnorm(conv: nn.Conv3d, bn: nn.BatchNorm3d) -> tuple[torch.Tensor, torch.Tensor]:
    """Conv weight and bias with an eval-mode BatchNorm folded in: bn(conv(x)) = conv'(x) + b'."""
    scale = bn.weight / torch.sqrt(bn.running_var + bn.eps)
    return conv.weight * scale.view(-1, 1, 1, 1, 1), bn.bias - bn.running_mean * scale


def _frames_as_channels(weight: torch.Tensor, frames: int) -> torch.Tensor:
    """A Conv3d weight [O, I, kf, kh, kw] (frame padding kf // 2) as a Conv2d weight [O*F, I*F, kh, kw] over the
    channel-major layout c*F + f: output frame fo reads input frame fi through the kernel tap fi - fo + kf // 2, and
    taps outside the kernel (or frames beyond the clip, which the 3D padding would have zero-filled) weigh nothing."""
    out_ch, in_ch, kf, kh, kw = weight.shape
    w2 = weight.new_zeros(out_ch, frames, in_ch, frames, kh, kw)
    for fo in range(frames):
        for fi in range(frames):
            tap = fi - fo + kf // 2
            if 0 <= tap < kf:
                w2[:, fo, :, fi] = weight[:, :, tap]
    return w2.reshape(out_ch * frames, in_ch * frames, kh, kw)


class FrameBlock2d(nn.Module):
    """An eval-mode C3DBlock as 2D convolutions over channels x frames, for serving: the same function (BatchNorm
    folded, 3x3x3 kernels unrolled over the frame axis), but ONNX Runtime runs 2D convolutions on its blocked NCHWc
    kernels while 3D ones go through a generic per-clip im2col + GEMM, which dominated CAKT's inference time."""

    def __init__(self, block: C3DBlock, frames: int):
        super().__init__()
        self.frames = frames
        self.channels = block.conv1.out_channels
        convs = []
        for conv, bn in ((block.conv1, block.bn1), (block.conv2, block.bn2), (block.shortcut[0], block.shortcut[1])):
            w, b = _fold_batchnorm(conv, bn)
            c2 = nn.Conv2d(conv.in_channels * frames, conv.out_channels * frames, conv.kernel_size[1:],
                           padding=conv.padding[1:], bias=True)
            c2.weight.data = _frames_as_channels(w, frames)
            c2.bias.data = b.repeat_interleave(frames)
            convs.append(c2)
        self.conv1, self.conv2, self.shortcut = convs
        self.se = block.se

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # [N, C*F, H, W]
        out = self.conv2(torch.relu(self.conv1(x)))
        n, cf, h, w = out.shape
        # Frame excitation: per (channel, frame) mean over H x W, the shared frame MLP, one weight per (channel, frame).
        weights = self.se.fc1(out.mean(dim=(2, 3)).reshape(n, self.channels, self.frames))
        weights = torch.sigmoid(self.se.fc2(torch.relu(weights))).reshape(n, cf, 1, 1)
        return torch.relu(out * weights + self.shortcut(x))


class FrameBlocks2d(nn.Module):
    """The C3D stack for serving: takes and returns [N, C, F, H, W] like nn.Sequential(C3DBlock...), 2D inside."""

    def __init__(self, blocks: nn.Sequential, frames: int):
        super().__init__()
        self.frames = frames
        self.blocks = nn.Sequential(*[FrameBlock2d(b, frames) for b in blocks])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n, c, f, h, w = x.shape
        out = self.blocks(x.reshape(n, c * f, h, w))
        return out.reshape(n, -1, f, h, w)


def skills_asked_ahead(skills: torch.Tensor, horizon: int) -> torch.Tensor:
    """[B, T]: the skill asked at n + horizon, for the query-aware clip; -1 (no skill) past the end."""
    return torch.cat([skills[:, horizon:], torch.full_like(skills[:, :horizon], -1)], dim=1)


class CAKT(nn.Module):
    kind = "cakt"

    def __init__(self, num_skills: int, side: int = 10, frames: int = 4, channels: tuple[int, ...] = (4, 8, 4),
                 dropout: float = 0.0, query_aware: bool = False):
        super().__init__()
        self.num_skills = num_skills
        # query_aware: the clip at n holds the last k interactions on the skill asked next (k_{n+1}) instead of the
        # skill just answered (spec 2.4, the paper's wording; the released code uses the answered skill).
        self.query_aware = query_aware
        self.side = side
        self.frames = frames
        dim = side * side  # hidden size must equal the embedding size (gates and sum, spec 2.3)
        self.dim = dim
        self.config = {"side": side, "frames": frames, "channels": list(channels), "dropout": dropout,
                       "query_aware": query_aware}
        self.hparams = {**self.config, "embed_dim": dim, "hidden_dim": dim}
        self.embed = nn.Embedding(2 * num_skills + 1, dim, padding_idx=0)
        self.lstm_front = nn.LSTM(dim, dim, batch_first=True)
        chans = (1, *channels, 1)
        self.blocks = nn.Sequential(*[C3DBlock(a, b, frames) for a, b in zip(chans[:-1], chans[1:])])
        self.gate_conv = nn.Linear(2 * dim, dim)
        self.gate_lstm = nn.Linear(2 * dim, dim)
        self.lstm_rear = nn.LSTM(dim, dim, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(dim, num_skills)
        # S: the learnable recency rate of exp(S * (j - n)), initialised to 1 (spec 2.4).
        self.decay = nn.Parameter(torch.ones(1))
        nn.init.kaiming_normal_(self.embed.weight)
        with torch.no_grad():
            self.embed.weight[0].zero_()
        for m in self.modules():
            if isinstance(m, nn.Conv3d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def for_serving(self) -> "CAKT":
        """An eval-mode copy whose convolution stack is the 2D equivalent (FrameBlocks2d): the exported graphs use it.
        Same outputs up to float rounding (the parity files and tests check it)."""
        import copy
        served = copy.deepcopy(self).eval()
        served.blocks = FrameBlocks2d(served.blocks, self.frames)
        return served

    def clip_weights(self, skills: torch.Tensor, valid: torch.Tensor, query: torch.Tensor) -> torch.Tensor:
        """[B, T, k, T]: weight of interaction j in frame slot m of the clip at position n (0 = absent).

        same[n, j] = skill_j == query_n and j <= n and j is a real interaction; later[n, j] counts the same-skill
        interactions after j up to n; the newest sits in slot k-1, older ones to its left (left padding = zeros).
        """
        t = skills.shape[1]
        pos = torch.arange(t, device=skills.device)
        causal = (pos.unsqueeze(0) <= pos.unsqueeze(1)).to(torch.float32)                      # [T(n), T(j)]
        same = (query.unsqueeze(2) == skills.unsqueeze(1)).to(torch.float32) * causal.unsqueeze(0) * valid.unsqueeze(1)
        later = same.sum(dim=2, keepdim=True) - torch.cumsum(same, dim=2)                      # same positions in (j, n]
        slot = (self.frames - 1) - later                                                       # [B, T, T]
        slots = torch.arange(self.frames, device=skills.device, dtype=torch.float32).view(1, 1, self.frames, 1)
        select = (slot.unsqueeze(2) == slots).to(torch.float32) * same.unsqueeze(2)            # [B, T, k, T]
        # j - n, [T(n), T(j)]; clamped so that future positions (weight 0 anyway) cannot overflow to inf * 0 = NaN
        distance = torch.clamp(pos.unsqueeze(0) - pos.unsqueeze(1), max=0).to(torch.float32)
        recency = torch.exp(torch.clamp(self.decay * distance, min=-60.0, max=20.0))
        return select * recency.view(1, t, 1, t)

    def interaction_ids(self, skills: torch.Tensor, correct: torch.Tensor) -> torch.Tensor:
        """Embedding row of an interaction: 1 + skill + K * correct (row 0 is the all-zero padding/empty frame)."""
        return skills + 1 + self.num_skills * correct.to(torch.int64)

    def step(self, skill, correct, clip_ids, clip_dist, hf, cf, hr, cr):
        """One interaction for a batch of learners (spec 2.6, step model): the caller keeps the LSTM states and, per
        skill, the embedding ids and positions of its last k interactions. clip_ids [B, k] oldest first, the current
        interaction last, 0 for an empty slot; clip_dist [B, k] = n - j (0 for the current one)."""
        e = self.embed(self.interaction_ids(skill, correct)).unsqueeze(1)                     # [B, 1, E]
        h_front, (hf2, cf2) = self.lstm_front(e, (hf, cf))
        recency = torch.exp(torch.clamp(-self.decay * clip_dist, min=-60.0, max=20.0))      # [B, k]
        clip = self.embed(clip_ids) * recency.unsqueeze(-1)                                  # [B, k, E]
        b = clip.shape[0]
        f_conv = self.blocks(clip.reshape(b, 1, self.frames, self.side, self.side)).mean(dim=2).reshape(b, 1, self.dim)
        both = torch.cat([f_conv, h_front], dim=-1)
        fused = torch.sigmoid(self.gate_conv(both)) * f_conv + torch.sigmoid(self.gate_lstm(both)) * h_front
        h_rear, (hr2, cr2) = self.lstm_rear(fused, (hr, cr))
        return self.out(h_rear[:, 0]), hf2, cf2, hr2, cr2

    def forward(self, skills: torch.Tensor, correct: torch.Tensor, valid: torch.Tensor | None = None,
                conv_rows: torch.Tensor | None = None, query: torch.Tensor | None = None) -> torch.Tensor:
        """logits [B, L, K] for the next interaction. conv_rows (training only) limits the 3D convolutions to the
        given flattened positions (the real interactions), which keeps padding out of BatchNorm's statistics."""
        b, t = skills.shape
        if valid is None:
            valid = torch.ones(b, t, dtype=torch.float32, device=skills.device)
        ids = self.interaction_ids(skills, correct) * valid.to(torch.int64)
        e = self.embed(ids)                                                                     # [B, T, E]
        h_front, _ = self.lstm_front(e)
        if not self.query_aware:
            query = skills                                                                      # code variant: the answered skill
        elif query is None:
            query = skills_asked_ahead(skills, 1)
        weights = self.clip_weights(skills, valid, query)
        clip = torch.einsum("bnmj,bjd->bnmd", weights, e)                                       # [B, T, k, E]
        frames = clip.reshape(b * t, 1, self.frames, self.side, self.side)
        if conv_rows is not None:
            conv = self.blocks(frames.index_select(0, conv_rows)).mean(dim=2).reshape(-1, self.dim)
            f_conv = torch.zeros(b * t, self.dim, dtype=conv.dtype, device=conv.device).index_copy(0, conv_rows, conv)
        else:
            f_conv = self.blocks(frames).mean(dim=2).reshape(b * t, self.dim)
        f_conv = f_conv.reshape(b, t, self.dim)
        both = torch.cat([f_conv, h_front], dim=-1)
        fused = torch.sigmoid(self.gate_conv(both)) * f_conv + torch.sigmoid(self.gate_lstm(both)) * h_front
        h_rear, _ = self.lstm_rear(fused)
        return self.out(self.drop(h_rear))
