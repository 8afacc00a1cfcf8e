using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing.Evaluation;

/// <summary>Test metrics on a DKVMN folder, all sequences and without those that also occur in the train file.</summary>
public sealed record KtEvaluation(string Model, string Data, string Provider, BinaryMetrics Test, BinaryMetrics TestWithoutTrainDuplicates,
    int DuplicateTestSequences, double? PythonTestAuc, double Seconds)
{
    public int? Fold { get; init; }
}

/// <summary>
/// The evaluation protocol of src/kt-training (kt-models.md section 3) in C#: windows of at most the card's window
/// length with the state reset per window, every position but a window's first scored, AUC pooled over the test file.
/// </summary>
public static class KtEvaluator
{
    public static KtEvaluation Evaluate(KtModel model, string dataDirectory, int batchSize = 64)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var test = DkvmnData.Read(DkvmnData.SplitFile(dataDirectory, "test"));
        var duplicates = DuplicateTestSequences(dataDirectory, test);
        var p = new List<double>();
        var y = new List<bool>();
        var seq = new List<int>();
        // Similar lengths together: far less padding; the order does not change any score.
        var windows = DkvmnData.Windows(test, model.Card.Window).OrderBy(w => w.Length).ToList();
        foreach (var chunk in windows.Chunk(batchSize))
        {
            var inputs = chunk.Select(w => ToWindow(model, test[w.Sequence], w.Start, w.Length)).ToList();
            var predictions = model.PredictNextSteps(inputs);
            for (var b = 0; b < chunk.Length; b++)
            {
                var (s, start, _) = chunk[b];
                for (var n = 1; n < inputs[b].Length; n++)
                {
                    p.Add(predictions[b][n - 1]);
                    y.Add(test[s].Correct[start + n]);
                    seq.Add(s);
                }
            }
        }
        var pythonAuc = model.Card.Metrics is { } metrics && metrics.TryGetProperty("shipped_fold_test", out var shipped) &&
                        shipped.TryGetProperty("auc", out var auc) ? auc.GetDouble() : (double?)null;
        return Summarise(model.Name, dataDirectory, model.Provider, p, y, seq, duplicates, pythonAuc, started.Elapsed.TotalSeconds) with { Fold = model.Card.Fold };
    }

    /// <summary>BKT fitted by EM on train fold <paramref name="fold"/> (1..5), evaluated on the test file.</summary>
    public static KtEvaluation EvaluateBkt(string dataDirectory, int fold, int window = 200, BktFitOptions? options = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var train = DkvmnData.Read(DkvmnData.SplitFile(dataDirectory, $"train{fold}"));
        var test = DkvmnData.Read(DkvmnData.SplitFile(dataDirectory, "test"));
        // Fitting sees the same windows as the sequence models; each window is a fresh start for every skill.
        var histories = DkvmnData.Windows(train, window).Select(w =>
            (IReadOnlyList<SkillAttempt>)Enumerable.Range(w.Start, w.Length)
                .Select(i => new SkillAttempt(train[w.Sequence].Ids[i], train[w.Sequence].Correct[i], DateTimeOffset.UnixEpoch)).ToList());
        var fitted = BktFitter.Fit(histories, options).ToDictionary(kv => kv.Key, kv => kv.Value.Parameters);
        var p = new List<double>();
        var y = new List<bool>();
        var seq = new List<int>();
        foreach (var (s, start, length) in DkvmnData.Windows(test, window))
        {
            var known = new Dictionary<int, double>();
            for (var i = start; i < start + length; i++)
            {
                var skill = test[s].Ids[i];
                var parameters = fitted.GetValueOrDefault(skill, BktParameters.Default);
                var prior = known.TryGetValue(skill, out var k) ? k : parameters.Initial;
                if (i > start)
                {
                    p.Add(Bkt.PredictCorrect(prior, parameters));
                    y.Add(test[s].Correct[i]);
                    seq.Add(s);
                }
                known[skill] = Bkt.Update(prior, test[s].Correct[i], parameters);
            }
        }
        return Summarise("bkt", dataDirectory, "cpu", p, y, seq, DuplicateTestSequences(dataDirectory, test), null, started.Elapsed.TotalSeconds)
            with { Fold = fold };
    }

    private static KtWindow ToWindow(KtModel model, DkvmnSequence s, int start, int length)
    {
        var skills = new long[length];
        var correct = new float[length];
        var times = new float[length];
        for (var i = 0; i < length; i++)
        {
            // DKVMN ids are the data set's skill ids; the card maps them (ASSIST2009: id 1 = index 0).
            skills[i] = model.SkillIndex(s.Ids[start + i]);
            correct[i] = s.Correct[start + i] ? 1 : 0;
            times[i] = i;  // no timestamps in these files: the interaction index is the time
        }
        return new KtWindow(skills, correct, times);
    }

    private static HashSet<int> DuplicateTestSequences(string dataDirectory, IReadOnlyList<DkvmnSequence> test)
    {
        var trainFile = DkvmnData.SplitFile(dataDirectory, "train");
        var keys = DkvmnData.Read(trainFile).Select(s => s.Key).ToHashSet();
        return Enumerable.Range(0, test.Count).Where(i => keys.Contains(test[i].Key)).ToHashSet();
    }

    private static KtEvaluation Summarise(string model, string data, string provider, List<double> p, List<bool> y, List<int> seq,
        HashSet<int> duplicates, double? pythonAuc, double seconds)
    {
        var keep = Enumerable.Range(0, p.Count).Where(i => !duplicates.Contains(seq[i])).ToList();
        return new KtEvaluation(model, data, provider, BinaryMetrics.Compute(p, y),
            BinaryMetrics.Compute(keep.Select(i => p[i]).ToList(), keep.Select(i => y[i]).ToList()),
            duplicates.Count, pythonAuc, seconds);
    }
}
