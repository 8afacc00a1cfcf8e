using TutorApp.KnowledgeTracing;
using TutorApp.KnowledgeTracing.Evaluation;

namespace TutorApp.UnitTests.KnowledgeTracing;

public sealed class EvaluationTests
{
    [Fact]
    public void Auc_counts_ties_as_half_like_sklearn()
    {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.9]) == 0.5
        double[] p = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9];
        bool[] y = [false, false, true, true, true, false];

        Assert.Equal(0.5, BinaryMetrics.RocAuc(p, y), 12);
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 12);
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.3, 0.3, 0.3], [true, false, true]), 12);
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([0.3, 0.4], [true, true])));
    }

    [Fact]
    public void Accuracy_rmse_and_cross_entropy_by_hand()
    {
        var m = BinaryMetrics.Compute([0.9, 0.2, 0.6, 0.5], [true, false, false, true]);

        Assert.Equal(0.75, m.Acc, 12);  // 0.5 counts as "correct predicted"
        Assert.Equal(Math.Sqrt((0.01 + 0.04 + 0.36 + 0.25) / 4), m.Rmse, 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.5)) / 4, m.Bce, 12);
        Assert.Equal(4, m.N);
    }

    [Fact]
    public void Windows_follow_the_training_convention()
    {
        var sequences = new[]
        {
            new DkvmnSequence(new int[450], new bool[450]),
            new DkvmnSequence(new int[401], new bool[401]),
            new DkvmnSequence(new int[1], new bool[1]),
        };

        var windows = DkvmnData.Windows(sequences, 200).ToList();

        Assert.Equal([(0, 0, 200), (0, 200, 200), (0, 400, 50), (1, 0, 200), (1, 200, 200)], windows);
    }

    [Fact]
    public void The_interaction_export_quotes_what_csv_needs_and_writes_utc()
    {
        var row = new InteractionRow("smith, \"jo\"", 17, [3, 9], true, new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.FromHours(2)), 2, null);

        Assert.Equal("\"smith, \"\"jo\"\"\",17,3;9,1,2024-05-01T10:00:00.000Z,2,", InteractionCsv.Format(row));
        Assert.Equal("u1,4,5,0,2024-05-01T10:00:00.000Z,0,42",
            InteractionCsv.Format(row with { StudentId = "u1", StepId = 4, SkillIds = [5], Correct = false, HintsUsed = 0, SessionId = 42 }));
    }
}
