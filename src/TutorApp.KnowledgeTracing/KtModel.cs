using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace TutorApp.KnowledgeTracing;

/// <summary>A skill id the model has no row for (the model was trained on another skill set).</summary>
public sealed class SkillOutOfRangeException(int skillId, string model, string range)
    : ArgumentOutOfRangeException(nameof(skillId), skillId, null)
{
    public override string Message { get; } = $"skill id {skillId} is not one of model {model}'s skills ({range})";
}

/// <summary>One window of a learner's history in model terms: skill indexes, 0/1 answers, times in the card's unit.</summary>
public sealed record KtWindow(long[] Skills, float[] Correct, float[] Times)
{
    public int Length => Skills.Length;
}

/// <summary>What the model says after a history: P(correct) for each query, and mastery per skill index.
/// PSI-KT adds its learner traits and the raw knowledge-state means (logits) per skill index.</summary>
public sealed record KtPrediction(float[] QueryCorrect, float[] Mastery, float[]? Traits, float[]? ZMean = null);

/// <summary>
/// An exported KT model (DKT, CAKT or PSI-KT) loaded together with its card. Loading checks that the .onnx is the file
/// the card names (sha256) and that its inputs and outputs are exactly the ones the card declares.
/// </summary>
public sealed class KtModel : IDisposable
{
    private KtModel(ModelCard card, KtSession session, KtSession? step)
    {
        Card = card;
        Session = session;
        StepSession = step;
    }

    public ModelCard Card { get; }
    public KtSession Session { get; }

    /// <summary>DKT's one-interaction model (LSTM state in, state out), when the card ships one.</summary>
    public KtSession? StepSession { get; }

    public string Name => Card.Name;
    public string Provider => Session.Provider;
    public int NumSkills => Card.Dataset.NumSkills;
    public bool IsPsiKt => Card.Model == "psikt";

    /// <summary>Loads the card and its model files. With CUDA requested but unusable, the sessions run on the CPU and
    /// <paramref name="logger"/> warns once, naming ORT's reason.</summary>
    public static KtModel Load(string cardOrOnnxPath, KtSessionSettings? settings = null, ILogger? logger = null)
    {
        var card = ModelCard.ReadFor(cardOrOnnxPath);
        card.VerifyChecksum();
        var warned = false;
        KtSession Open(string path) => KtSession.Open(path, settings, reason =>
        {
            if (!warned)
            {
                warned = true;
                logger?.LogWarning("CUDA execution provider requested but unavailable, running model {Model} on the CPU instead: {Reason}", card.Name, reason);
            }
        });
        var session = Open(card.OnnxPath);
        KtSession? step = null;
        try
        {
            CheckSignature(card.Name, card.OnnxPath, (card.Inputs, session.Inputs), (card.Outputs, session.Outputs));
            if (card.Step is { } stepCard)
            {
                var stepPath = Path.Combine(card.Directory, stepCard.File);
                step = Open(stepPath);
                CheckSignature(card.Name, stepPath, (stepCard.Inputs, step.Inputs), (stepCard.Outputs, step.Outputs));
            }
            return new KtModel(card, session, step);
        }
        catch
        {
            session.Dispose();
            step?.Dispose();
            throw;
        }
    }

    private static void CheckSignature(string name, string path,
        (IReadOnlyList<CardTensor> Declared, IReadOnlyList<KtTensorInfo> Actual) inputs,
        (IReadOnlyList<CardTensor> Declared, IReadOnlyList<KtTensorInfo> Actual) outputs)
    {
        var problems = Compare(inputs.Declared, inputs.Actual, "input").Concat(Compare(outputs.Declared, outputs.Actual, "output")).ToList();
        if (problems.Count > 0)
        {
            throw new ModelCardException($"model {path} does not match its card {name}: {string.Join("; ", problems)}");
        }
    }

    private static List<string> Compare(IReadOnlyList<CardTensor> declared, IReadOnlyList<KtTensorInfo> actual, string what)
    {
        var problems = new List<string>();
        var declaredNames = declared.Select(d => d.Name).ToList();
        var actualNames = actual.Select(a => a.Name).ToList();
        if (!declaredNames.SequenceEqual(actualNames))
        {
            problems.Add($"{what}s are [{string.Join(", ", actualNames)}] but the card declares [{string.Join(", ", declaredNames)}]");
        }
        foreach (var (d, a) in declared.Zip(actual).Where(p => p.First.Name == p.Second.Name))
        {
            var dtype = a.ElementType switch { TensorElementType.Float => "float32", TensorElementType.Int64 => "int64", var other => $"type {other}" };
            if (dtype != d.Dtype)
            {
                problems.Add($"{what} {d.Name} is {dtype} but the card declares {d.Dtype}");
            }
            if (a.Shape.Count != d.Shape.Count ||
                d.Shape.Zip(a.Shape).Any(p => p.First.ValueKind == JsonValueKind.Number && p.First.GetInt64() != p.Second))
            {
                problems.Add($"{what} {d.Name} has shape [{string.Join(", ", a.Shape.Select(x => x < 0 ? "?" : x.ToString()))}] but the card declares [{d.ShapeText}]");
            }
        }
        return problems;
    }

    /// <summary>The model's index for an app/data-set skill id; <see cref="SkillOutOfRangeException"/> when it has none.</summary>
    public int SkillIndex(int skillId) =>
        Card.TryGetSkillIndex(skillId, out var index) ? index : throw new SkillOutOfRangeException(skillId, Name, Card.SkillRange);

    /// <summary>Next-step probabilities for each window: element n-1 is P(correct) of interaction n (n = 1..length-1)
    /// given interactions 0..n-1, the positions the evaluation protocol scores.</summary>
    public float[][] PredictNextSteps(IReadOnlyList<KtWindow> windows)
    {
        var batch = Pad(windows);
        var result = new float[windows.Count][];
        if (IsPsiKt)
        {
            // next_p needs no query; one dummy query keeps the graph's query axis non-empty.
            var outputs = Session.Run(PsiKtInputs(batch, [(0L, 0f)]), ["next_p"]);
            var next = outputs["next_p"].Floats;
            for (var b = 0; b < windows.Count; b++)
            {
                result[b] = next.AsSpan(b * batch.Length, windows[b].Length - 1).ToArray();
            }
            return result;
        }
        var logits = Session.Run(SequenceInputs(batch))["logits"].Floats;
        var k = NumSkills;
        for (var b = 0; b < windows.Count; b++)
        {
            var w = windows[b];
            var p = new float[w.Length - 1];
            for (var n = 1; n < w.Length; n++)
            {
                p[n - 1] = Sigmoid(logits[((long)b * batch.Length + (n - 1)) * k + w.Skills[n]]);
            }
            result[b] = p;
        }
        return result;
    }

    /// <summary>After one history window: P(correct) for each (skill index, time) query and mastery per skill index.
    /// Sequence models ignore the query time: they predict the next interaction, whenever it happens.</summary>
    public KtPrediction Predict(KtWindow history, IReadOnlyList<(long Skill, float Time)> queries)
    {
        if (history.Length == 0)
        {
            throw new ArgumentException("a prediction needs at least one interaction", nameof(history));
        }
        var batch = Pad([history]);
        if (IsPsiKt)
        {
            var q = queries.Count > 0 ? queries.ToArray() : [(0L, history.Times[^1])];
            var outputs = Session.Run(PsiKtInputs(batch, q), ["p_correct", "mastery", "traits", "z_mean"]);
            return new KtPrediction(outputs["p_correct"].Floats[..queries.Count], outputs["mastery"].Floats, outputs["traits"].Floats,
                outputs["z_mean"].Floats);
        }
        var logits = Session.Run(SequenceInputs(batch))["logits"].Floats;
        var last = logits.AsSpan((history.Length - 1) * NumSkills, NumSkills);
        var mastery = new float[NumSkills];
        for (var i = 0; i < mastery.Length; i++)
        {
            mastery[i] = Sigmoid(last[i]);
        }
        return new KtPrediction(queries.Select(q => mastery[q.Skill]).ToArray(), mastery, null);
    }

    /// <summary>DKT step model: one interaction in, the next-step logits and the new LSTM state out.</summary>
    public (float[] Logits, float[] H, float[] C) Step(long skill, float correct, float[] h, float[] c)
    {
        var session = StepSession ?? throw new InvalidOperationException($"model {Name} has no step model");
        var size = h.Length;
        var outputs = session.Run(new Dictionary<string, KtTensor>
        {
            ["skill"] = KtTensor.Int64([skill], 1),
            ["correct"] = KtTensor.Float([correct], 1),
            ["h_in"] = KtTensor.Float(h, 1, 1, size),
            ["c_in"] = KtTensor.Float(c, 1, 1, size),
        });
        return (outputs["logits"].Floats, outputs["h_out"].Floats, outputs["c_out"].Floats);
    }

    /// <summary>CAKT step model: one interaction, its same-skill clip (embedding ids oldest first, 0 = empty; distances
    /// n - j) and the four LSTM states (front h, c, rear h, c) in; the next-step logits and the new states out.</summary>
    public (float[] Logits, float[][] States) StepCakt(long skill, float correct, long[] clipIds, float[] clipDistance, float[][] states)
    {
        var session = StepSession ?? throw new InvalidOperationException($"model {Name} has no step model");
        var size = StepStateSize;
        string[] names = ["hf", "cf", "hr", "cr"];
        var inputs = new Dictionary<string, KtTensor>
        {
            ["skill"] = KtTensor.Int64([skill], 1),
            ["correct"] = KtTensor.Float([correct], 1),
            ["clip_ids"] = KtTensor.Int64(clipIds, 1, clipIds.Length),
            ["clip_dist"] = KtTensor.Float(clipDistance, 1, clipDistance.Length),
        };
        for (var i = 0; i < names.Length; i++)
        {
            inputs[$"{names[i]}_in"] = KtTensor.Float(states[i], 1, 1, size);
        }
        var outputs = session.Run(inputs);
        return (outputs["logits"].Floats, names.Select(n => outputs[$"{n}_out"].Floats).ToArray());
    }

    /// <summary>CAKT's embedding row of an interaction (row 0 is the empty frame).</summary>
    public long InteractionId(long skillIndex, bool correct) => 1 + skillIndex + (correct ? NumSkills : 0);

    public int StepStateSize => Card.Step?.StateSize ?? 0;

    /// <summary>Frames in CAKT's same-skill clip.</summary>
    public int StepFrames => Card.Step?.Frames ?? 0;

    private sealed record Padded(int Batch, int Length, long[] Skills, float[] Correct, float[] Times, float[] Mask);

    /// <summary>Pads at the end, as in training: models are causal, so padding never changes a real position.</summary>
    private static Padded Pad(IReadOnlyList<KtWindow> windows)
    {
        var b = windows.Count;
        var l = windows.Max(w => w.Length);
        var skills = new long[b * l];
        var correct = new float[b * l];
        var times = new float[b * l];
        var mask = new float[b * l];
        for (var i = 0; i < b; i++)
        {
            var w = windows[i];
            w.Skills.CopyTo(skills, i * l);
            w.Correct.CopyTo(correct, i * l);
            w.Times.CopyTo(times, i * l);
            // Padding keeps the last time (dt = 0), as the training collate does.
            Array.Fill(times, w.Times[^1], i * l + w.Length, l - w.Length);
            Array.Fill(mask, 1f, i * l, w.Length);
        }
        return new Padded(b, l, skills, correct, times, mask);
    }

    private static Dictionary<string, KtTensor> SequenceInputs(Padded p) => new()
    {
        ["hist_skill"] = KtTensor.Int64(p.Skills, p.Batch, p.Length),
        ["hist_correct"] = KtTensor.Float(p.Correct, p.Batch, p.Length),
    };

    private static Dictionary<string, KtTensor> PsiKtInputs(Padded p, IReadOnlyList<(long Skill, float Time)> queries)
    {
        // The same queries for every row of the batch (one learner at a time in serving; a dummy in evaluation).
        var q = queries.Count;
        var qSkill = new long[p.Batch * q];
        var qTime = new float[p.Batch * q];
        for (var b = 0; b < p.Batch; b++)
        {
            for (var j = 0; j < q; j++)
            {
                qSkill[b * q + j] = queries[j].Skill;
                qTime[b * q + j] = queries[j].Time;
            }
        }
        return new()
        {
            ["hist_skill"] = KtTensor.Int64(p.Skills, p.Batch, p.Length),
            ["hist_correct"] = KtTensor.Float(p.Correct, p.Batch, p.Length),
            ["hist_time"] = KtTensor.Float(p.Times, p.Batch, p.Length),
            ["hist_mask"] = KtTensor.Float(p.Mask, p.Batch, p.Length),
            ["query_skill"] = KtTensor.Int64(qSkill, p.Batch, q),
            ["query_time"] = KtTensor.Float(qTime, p.Batch, q),
        };
    }

    internal static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    public void Dispose()
    {
        Session.Dispose();
        StepSession?.Dispose();
    }
}
