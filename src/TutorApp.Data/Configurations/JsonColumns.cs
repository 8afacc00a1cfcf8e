using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Mastery;

namespace TutorApp.Data.Configurations;

/// <summary>
/// Answer specs and hint ladders are small, always read whole with their row, and polymorphic (answer specs):
/// jsonb columns in the same JSON shape as the bank format.
/// </summary>
internal static class JsonColumns
{
    // Nullable so one converter serves required and optional columns: EF never passes null to a converter.
    public static readonly ValueConverter<AnswerSpec?, string> AnswerSpec = new(
        spec => JsonSerializer.Serialize(spec, BankJson.Options),
        json => JsonSerializer.Deserialize<AnswerSpec>(json, BankJson.Options));

    // Answer specs are immutable records with value equality, so the snapshot can be the instance itself.
    public static readonly ValueComparer<AnswerSpec?> AnswerSpecComparer = new(
        (a, b) => Equals(a, b),
        spec => spec == null ? 0 : spec.GetHashCode(),
        spec => spec);

    // Nullable for the same reason; traits are an immutable record, so value equality is the comparer EF needs.
    public static readonly ValueConverter<LearnerTraits?, string> Traits = new(
        traits => JsonSerializer.Serialize(traits, JsonSerializerOptions.Web),
        json => JsonSerializer.Deserialize<LearnerTraits>(json, JsonSerializerOptions.Web));

    public static readonly ValueConverter<List<Hint>, string> Hints = new(
        hints => JsonSerializer.Serialize(hints, BankJson.Options),
        json => JsonSerializer.Deserialize<List<Hint>>(json, BankJson.Options) ?? new List<Hint>());

    public static readonly ValueComparer<List<Hint>> HintsComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        hints => hints.Aggregate(0, (hash, hint) => HashCode.Combine(hash, hint.GetHashCode())),
        hints => hints.ToList());
}
