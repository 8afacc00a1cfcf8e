using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>One test metric of a model card: where it was measured, its name and its value as text.</summary>
public sealed record ModelMetric(string Evaluation, string Metric, string Value);

/// <summary>What the admin page shows about the tracer in use: the configured model, what actually runs and on which
/// execution provider, why it fell back if it did, and the model card's dataset, metrics and date.</summary>
public sealed record ActiveModel(
    string Configured,
    string Tracer,
    string Provider,
    string? FallbackReason,
    ModelCard? Card,
    IReadOnlyList<ModelMetric> Metrics,
    bool MasteryDecays,
    int LearnedPrerequisites)
{
    /// <summary>The model in use, described from the registered tracer and its start-up status.</summary>
    public static ActiveModel Describe(IKnowledgeTracer tracer, KnowledgeTracingStatus status, IOptions<KnowledgeTracingOptions> options)
    {
        var card = (tracer as OnnxKnowledgeTracer)?.Model.Card;
        return new ActiveModel(options.Value.Model, status.Tracer, status.Provider, status.FallbackReason, card,
            card?.Metrics is { } metrics ? Flatten(metrics) : [], tracer.MasteryDecays, tracer.LearnedPrerequisites.Count);
    }

    /// <summary>
    /// The card's metrics as rows: plain numbers as they are ("shipped_fold_test" auc 0.8016), summaries over folds as
    /// mean ± std ("mean_over_folds / test" auc 0.8005 ± 0.0033). Counts print as integers.
    /// </summary>
    internal static IReadOnlyList<ModelMetric> Flatten(JsonElement metrics)
    {
        var rows = new List<ModelMetric>();
        Walk(metrics, "");
        return rows;

        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }
            foreach (var property in element.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Number)
                {
                    rows.Add(new ModelMetric(path, property.Name, Number(value)));
                }
                else if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("mean", out var mean) && value.TryGetProperty("std", out var std))
                {
                    rows.Add(new ModelMetric(path, property.Name, $"{Number(mean)} ± {Number(std)}"));
                }
                else
                {
                    Walk(value, path.Length == 0 ? property.Name : $"{path} / {property.Name}");
                }
            }
        }

        static string Number(JsonElement value) => value.TryGetInt64(out var whole)
            ? whole.ToString("N0", CultureInfo.InvariantCulture)
            : value.GetDouble().ToString("0.0000", CultureInfo.InvariantCulture);
    }
}
