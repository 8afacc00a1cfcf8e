using System.Text.Json;

namespace TutorApp.Domain.Mastery;

/// <summary>
/// The stored form of a <see cref="KnowledgeState"/> between attempts: the recent history a tracer needs, the mastery,
/// its uncertainty and traits, and the tracer's own model state as JSON (each tracer reads back what it wrote).
/// </summary>
public static class KnowledgeStateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record Stored(
        IReadOnlyList<SkillAttempt> History,
        Dictionary<int, double> Mastery,
        Dictionary<int, double>? Uncertainty,
        LearnerTraits? Traits,
        JsonElement? Model);

    /// <summary>Keeps the last <paramref name="historyLength"/> attempts; <paramref name="modelState"/> is any
    /// JSON-serialisable value (null when the tracer carries nothing beyond the mastery).</summary>
    public static string Serialize(KnowledgeState state, int historyLength, object? modelState = null)
    {
        var keep = Math.Min(historyLength, state.History.Count);
        var history = state.History.Skip(state.History.Count - keep).ToList();
        var model = modelState is null ? (JsonElement?)null : JsonSerializer.SerializeToElement(modelState, Options);
        return JsonSerializer.Serialize(new Stored(history, new Dictionary<int, double>(state.Mastery),
            state.Uncertainty is null ? null : new Dictionary<int, double>(state.Uncertainty), state.Traits, model), Options);
    }

    /// <summary>The state without its model state; <see cref="ModelState"/> reads that part.</summary>
    public static KnowledgeState Deserialize(string json)
    {
        var stored = Read(json);
        return new KnowledgeState(stored.History, stored.Mastery) { Uncertainty = stored.Uncertainty, Traits = stored.Traits };
    }

    /// <summary>The tracer's own part of a stored state, or default when there is none.</summary>
    public static T? ModelState<T>(string json) =>
        Read(json).Model is { } element ? element.Deserialize<T>(Options) : default;

    private static Stored Read(string json) =>
        JsonSerializer.Deserialize<Stored>(json, Options) ?? throw new JsonException("stored knowledge state is empty");
}
