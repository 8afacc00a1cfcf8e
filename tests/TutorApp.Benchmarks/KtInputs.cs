using TutorApp.Data.Hosting;
using TutorApp.Domain.Mastery;
using TutorApp.KnowledgeTracing;
using TutorApp.KnowledgeTracing.Evaluation;
using TutorApp.TestSupport;

namespace TutorApp.Benchmarks;

/// <summary>
/// The inputs of the knowledge-tracing benchmarks, taken from the ASSIST2009 test file in file order so that the Python
/// baseline (src/kt-training/kt_training/bench.py) can pick exactly the same ones:
/// the long learner is the first with at least 200 interactions (its first 50 or 200 are one student's history, its
/// interaction 51 the update); the batch is the first 256 learners with at least 50 interactions, cut to their first 50.
/// </summary>
internal static class KtInputs
{
    public const int BatchSize = 256;
    public const int BatchLength = 50;

    private static readonly Lazy<IReadOnlyList<DkvmnSequence>> Test = new(() =>
        DkvmnData.Read(DkvmnData.SplitFile(TestData.Directory + "/kt/assist2009", "test")));

    public static DkvmnSequence LongLearner => Test.Value.First(s => s.Ids.Length >= 200);

    public static IReadOnlyList<DkvmnSequence> BatchLearners => Test.Value.Where(s => s.Ids.Length >= BatchLength).Take(BatchSize).ToList();

    /// <summary>The shipped model (src/TutorApp.KnowledgeTracing/Models/NAME.card.json) on one intra-op thread, as served.</summary>
    public static KtModel LoadShipped(string name)
    {
        var root = ContentRoot.Find();
        return KtModel.Load(Path.Combine(root, "src", "TutorApp.KnowledgeTracing", "Models", $"{name}.card.json"),
            new KtSessionSettings { IntraOpThreads = 1 });
    }

    /// <summary>The first <paramref name="length"/> interactions in the model's terms (times are interaction indexes,
    /// as for the DKVMN files the shipped models were trained on).</summary>
    public static KtWindow Window(KtModel model, DkvmnSequence sequence, int length) => new(
        sequence.Ids.Take(length).Select(id => (long)model.SkillIndex(id)).ToArray(),
        sequence.Correct.Take(length).Select(c => c ? 1f : 0f).ToArray(),
        Enumerable.Range(0, length).Select(i => (float)i).ToArray());

    /// <summary>The same interactions as the app's attempts, one minute apart.</summary>
    public static List<SkillAttempt> Attempts(DkvmnSequence sequence, int length) => Enumerable.Range(0, length)
        .Select(i => new SkillAttempt(sequence.Ids[i], sequence.Correct[i], DateTimeOffset.UnixEpoch.AddMinutes(i)))
        .ToList();
}
