import json

import numpy as np
import onnx
import pytest
import torch

from kt_training import data, export, models
from kt_training.fixtures import tiny_dataset

K = 6
SMALL = {"dkt": {"embed_dim": 8, "hidden_dim": 8}, "cakt": {"side": 3, "channels": (2, 2, 2)},
         "psikt": {"node_dim": 4, "categories": 3, "hidden": 8, "lstm_hidden": 8}}


def batch(b=3, length=11, seed=0):
    rng = np.random.default_rng(seed)
    ws = [data.Window(rng.integers(0, K, n), rng.integers(0, 2, n), np.cumsum(rng.random(n)).astype(np.float32), i)
          for i, n in enumerate(rng.integers(3, length + 1, size=b))]
    return data.collate(ws)


@pytest.mark.parametrize("kind", ["dkt", "cakt", "psikt"])
def test_shapes_and_a_training_step_lowers_the_loss(kind):
    torch.manual_seed(0)
    m = models.create(kind, K, **SMALL[kind])
    bt = batch()
    if kind == "psikt":
        assert m.next_logits(bt.skills, bt.correct, bt.times, bt.mask).shape == bt.skills.shape
    else:
        assert m(bt.skills, bt.correct).shape == (*bt.skills.shape, K)
    opt = torch.optim.Adam(m.parameters(), lr=1e-2)
    first = None
    for _ in range(15):
        loss, _ = models.train_loss(m.train(), bt)
        first = first if first is not None else float(loss)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert float(models.train_loss(m, bt)[0]) < first


@pytest.mark.parametrize("kind", ["dkt", "cakt", "psikt"])
def test_predictions_never_see_the_future(kind):
    torch.manual_seed(1)
    m = models.create(kind, K, **SMALL[kind]).eval()
    bt = batch(b=1, length=10, seed=3)
    p1 = models.ahead_logits(m, bt, 1)
    changed = data.Batch(bt.skills.clone(), bt.correct.clone(), bt.times, bt.mask, bt.seq_index)
    changed.correct[0, 6:] = 1 - changed.correct[0, 6:]
    p2 = models.ahead_logits(m, changed, 1)
    # position n predicts n+1 from 0..n: positions up to 5 are untouched by answers from 6 on
    assert torch.allclose(p1[0, :6], p2[0, :6], atol=1e-6)
    assert not torch.allclose(p1[0, 6:], p2[0, 6:])


def test_cakt_clip_matches_a_loop():
    torch.manual_seed(2)
    m = models.create("cakt", K, **SMALL["cakt"])
    skills = torch.tensor([[1, 2, 1, 1, 3, 1, 1, 2]])
    w = m.clip_weights(skills, torch.ones(1, 8), skills)[0]
    s = float(m.decay)
    for n in range(8):
        same = [j for j in range(n + 1) if skills[0, j] == skills[0, n]][-m.frames:]
        expected = torch.zeros(m.frames, 8)
        for slot, j in enumerate(same, start=m.frames - len(same)):
            expected[slot, j] = np.exp(s * (j - n))
        assert torch.allclose(w[n], expected, atol=1e-6), n


def test_query_aware_cakt_reads_the_clip_of_the_skill_asked_next_and_is_not_exported(tmp_path):
    skills = torch.tensor([[1, 2, 1, 3, 2]])
    correct = torch.tensor([[1.0, 0.0, 1.0, 0.0, 1.0]])
    queries = {}

    def recorded(model, aware):
        original = model.clip_weights

        def clip_weights(skills, valid, query):
            queries[aware] = query
            return original(skills, valid, query)
        return clip_weights

    for aware in (False, True):
        m = models.create("cakt", K, **SMALL["cakt"], query_aware=aware).eval()
        m.clip_weights = recorded(m, aware)
        m(skills, correct)
    assert queries[False].tolist() == [[1, 2, 1, 3, 2]]       # the skill just answered (the released code)
    assert queries[True].tolist() == [[2, 1, 3, 2, -1]]       # the skill asked next; none after the last
    models.ahead_logits(m, data.Batch(skills, correct, torch.zeros(1, 5), torch.ones(1, 5), [0]), 2)
    assert queries[True].tolist() == [[1, 3, 2, -1, -1]]      # scoring two steps ahead: the skill asked at n + 2
    with pytest.raises(ValueError, match="query-aware"):
        export.export_model(m, None, tmp_path, "qa", None, None, 0)


def test_dkt_step_model_matches_the_sequence():
    torch.manual_seed(3)
    m = models.create("dkt", K, **SMALL["dkt"]).eval()
    bt = batch(b=1, length=7)
    full = m(bt.skills, bt.correct)[0]
    h = c = torch.zeros(1, 1, 8)
    for n in range(int(bt.mask.sum())):
        logits, h, c = m.step(bt.skills[:, n], bt.correct[:, n], h, c)
        assert torch.allclose(logits[0], full[n], atol=1e-5)


@pytest.mark.parametrize("kind", ["dkt", "cakt", "psikt"])
def test_export_round_trip(tmp_path, kind):
    torch.manual_seed(4)
    m = models.create(kind, K, **SMALL[kind]).eval()
    card = export.export_model(m, tiny_dataset(K), tmp_path, f"t-{kind}", None, None, 1)
    model = onnx.load(str(tmp_path / card["onnx"]))
    onnx.checker.check_model(model)
    assert model.opset_import[0].version == 17
    assert [i.name for i in model.graph.input] == [i["name"] for i in card["inputs"]]
    assert [o.name for o in model.graph.output] == [o["name"] for o in card["outputs"]]
    assert card["sha256"] == export.sha256(tmp_path / card["onnx"])
    assert json.loads((tmp_path / f"t-{kind}.card.json").read_text())["format"] == "tutorapp-kt-card/1"
    parity = json.loads((tmp_path / card["parity"]).read_text())
    assert {o["name"] for o in parity["outputs"]} == {o["name"] for o in card["outputs"]}
    # batch and length axes are dynamic in the graph
    dims = model.graph.input[0].type.tensor_type.shape.dim
    assert dims[0].dim_param and dims[1].dim_param


def test_cakt_step_model_matches_the_sequence():
    torch.manual_seed(5)
    m = models.create("cakt", K, **SMALL["cakt"]).eval()
    with torch.no_grad():
        for bn in [x for x in m.modules() if isinstance(x, torch.nn.BatchNorm3d)]:
            bn.running_mean.uniform_(-0.3, 0.3)
    skills = torch.tensor([[1, 2, 1, 1, 3, 1, 1, 2, 1, 1]])
    correct = torch.tensor([[1.0, 0, 1, 1, 0, 0, 1, 1, 0, 1]])
    full = m(skills, correct)[0]
    h = m.dim
    states = [torch.zeros(1, 1, h) for _ in range(4)]
    history: dict[int, list[tuple[int, int]]] = {}
    with torch.no_grad():
        for n in range(skills.shape[1]):
            s, y = int(skills[0, n]), correct[0, n]
            iid = int(m.interaction_ids(skills[:, n], correct[:, n]))
            recent = (history.get(s, []) + [(iid, n)])[-m.frames:]
            history[s] = recent
            ids = [0] * (m.frames - len(recent)) + [i for i, _ in recent]
            dist = [0.0] * (m.frames - len(recent)) + [float(n - j) for _, j in recent]
            logits, *states = m.step(skills[:, n], correct[:, n], torch.tensor([ids]), torch.tensor([dist]), *states)
            assert torch.allclose(logits[0], full[n], atol=1e-5), n


def test_cakt_serving_copy_computes_the_same_function():
    """for_serving() (BatchNorm folded, 3D convolutions as 2D over channels x frames) changes no output."""
    torch.manual_seed(6)
    m = models.create("cakt", K, side=3, frames=4, channels=(2, 3, 2)).eval()
    with torch.no_grad():
        for bn in [x for x in m.modules() if isinstance(x, torch.nn.BatchNorm3d)]:
            bn.running_mean.uniform_(-0.3, 0.3)
            bn.running_var.uniform_(0.5, 2.0)
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.2, 0.2)
    served = m.for_serving()
    bt = batch(b=4, length=13, seed=3)
    clip = torch.randn(5, 1, 4, 3, 3)
    with torch.no_grad():
        assert torch.allclose(served.blocks(clip), m.blocks(clip), atol=1e-5)
        assert torch.allclose(served(bt.skills, bt.correct), m(bt.skills, bt.correct), atol=1e-5)
    assert not any(isinstance(x, torch.nn.Conv3d) for x in served.modules())
    assert any(isinstance(x, torch.nn.Conv3d) for x in m.modules())  # the trained model is left as it was


def test_cakt_convolutions_over_frames_equal_the_3d_convolutions_and_their_gradients():
    """Training runs each Conv3d as a 2D convolution over channels x frames: same outputs, same weight gradients."""
    from kt_training.cakt import conv_over_frames
    torch.manual_seed(8)
    for kernel, padding in ((3, 1), (1, 0)):
        conv = torch.nn.Conv3d(3, 2, kernel, padding=padding, bias=False)
        x = torch.randn(5, 3, 4, 6, 6, requires_grad=True)
        reference = conv(x)
        (reference_grad,) = torch.autograd.grad(reference.square().sum(), conv.weight)
        ours = conv_over_frames(conv, x)
        (our_grad,) = torch.autograd.grad(ours.square().sum(), conv.weight)
        assert torch.allclose(ours, reference, atol=1e-5)
        assert torch.allclose(our_grad, reference_grad, atol=1e-3, rtol=1e-4)
