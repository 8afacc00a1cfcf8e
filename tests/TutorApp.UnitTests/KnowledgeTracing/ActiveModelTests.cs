using System.Text.Json;
using TutorApp.KnowledgeTracing;

namespace TutorApp.UnitTests.KnowledgeTracing;

public sealed class ActiveModelTests
{
    [Fact]
    public void Card_metrics_flatten_to_rows_with_fold_summaries_as_mean_and_spread()
    {
        using var metrics = JsonDocument.Parse("""
            {"shipped_fold_test": {"auc": 0.80155, "n": 99938},
             "mean_over_folds": {"test": {"auc": {"mean": 0.80046, "std": 0.00329, "values": [0.8, 0.81]}}}}
            """);

        var rows = ActiveModel.Flatten(metrics.RootElement);

        Assert.Equal(
        [
            new ModelMetric("shipped_fold_test", "auc", "0.8016"),
            new ModelMetric("shipped_fold_test", "n", "99,938"),
            new ModelMetric("mean_over_folds / test", "auc", "0.8005 ± 0.0033"),
        ], rows);
    }
}
