using System.Text.Json.Serialization;

namespace TutorApp.Domain.Answers;

/// <summary>What counts as a right answer to a step, a question or a whole problem.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NumberAnswer), "number")]
[JsonDerivedType(typeof(FractionAnswer), "fraction")]
[JsonDerivedType(typeof(ExpressionAnswer), "expression")]
[JsonDerivedType(typeof(ChoiceAnswer), "choice")]
[JsonDerivedType(typeof(TextAnswer), "text")]
public abstract record AnswerSpec
{
    /// <summary>Checks what a student typed against this spec.</summary>
    public abstract AnswerCheck Check(string input);

    /// <summary>The expected answer as a person would write it (for authors, reports and bottom-out hints).</summary>
    public abstract string Display();

    /// <summary>Problems with the spec itself (for authors and importers); empty when the spec is usable.</summary>
    public abstract IReadOnlyList<string> Validate();

    /// <summary>The numbers a student could see in a text that gives this answer away (for the leak guard and the validator).</summary>
    public abstract IReadOnlyList<decimal> RevealingNumbers();
}

/// <param name="Correct">The input is a right answer.</param>
/// <param name="Understood">The input could be read as an answer of this kind at all ("I don't know" could not).</param>
/// <param name="Value">The number read from the input, when there was one (used to match misconceptions).</param>
public sealed record AnswerCheck(bool Correct, bool Understood, decimal? Value = null)
{
    public static readonly AnswerCheck NotUnderstood = new(false, false);
}

/// <param name="Tolerance">Largest absolute difference still accepted.</param>
/// <param name="Unit">Optional unit shown to the student; a different unit word in the input is not an error.</param>
public sealed record NumberAnswer(decimal Value, decimal Tolerance = 0, string? Unit = null) : AnswerSpec
{
    public override AnswerCheck Check(string input) =>
        NumberParser.TryParse(input, out var value)
            ? new AnswerCheck(IsWithinTolerance(value), true, value)
            : AnswerCheck.NotUnderstood;

    private bool IsWithinTolerance(decimal value)
    {
        try
        {
            return Math.Abs(value - Value) <= Tolerance;
        }
        catch (OverflowException)
        {
            return false; // the difference is beyond decimal's range, so certainly beyond the tolerance
        }
    }

    public override string Display() =>
        Value.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture) + (Unit is null ? "" : " " + Unit);

    public override IReadOnlyList<string> Validate() =>
        Tolerance < 0 ? ["tolerance must not be negative"] : [];

    public override IReadOnlyList<decimal> RevealingNumbers() => [Value];
}

/// <param name="RequireSimplest">Only the fraction in lowest terms is accepted (6/8 is then not 3/4).</param>
public sealed record FractionAnswer(long Numerator, long Denominator, bool RequireSimplest = false) : AnswerSpec
{
    public override AnswerCheck Check(string input) => FractionChecking.Check(this, input);

    public override string Display() => $"{Numerator}/{Denominator}";

    public override IReadOnlyList<string> Validate() =>
        Denominator == 0 ? ["denominator must not be zero"]
        : RequireSimplest && !FractionChecking.IsInLowestTerms(Numerator, Denominator)
            ? [$"lowest terms are required, so the answer itself must be in lowest terms ({Numerator}/{Denominator} is not)"]
            : [];

    public override IReadOnlyList<decimal> RevealingNumbers() =>
        Denominator == 0 ? [] : [(decimal)Numerator / Denominator];
}

/// <param name="Expression">An algebraic expression, e.g. <c>2*(x + 3)</c>; equivalent forms are accepted.</param>
/// <param name="Variables">The variables the expression may use.</param>
public sealed record ExpressionAnswer(string Expression, IReadOnlyList<string> Variables) : AnswerSpec
{
    public override AnswerCheck Check(string input) => ExpressionChecking.Check(this, input);

    public override string Display() => Expression;

    public override IReadOnlyList<string> Validate() => ExpressionChecking.Validate(this);

    public override IReadOnlyList<decimal> RevealingNumbers() => [];

    public bool Equals(ExpressionAnswer? other) =>
        other is not null && Expression == other.Expression && Variables.SequenceEqual(other.Variables);

    public override int GetHashCode() => Expression.GetHashCode(StringComparison.Ordinal);
}

/// <param name="Options">The choices, shown in this order.</param>
/// <param name="Correct">Index into <paramref name="Options"/> of the right one.</param>
public sealed record ChoiceAnswer(IReadOnlyList<string> Options, int Correct) : AnswerSpec
{
    public override AnswerCheck Check(string input)
    {
        var trimmed = input.Trim();
        var index = Options.ToList().FindIndex(o => string.Equals(o.Trim(), trimmed, StringComparison.OrdinalIgnoreCase));
        if (index < 0 && trimmed.Length == 1 && char.IsAsciiLetter(trimmed[0]))
        {
            index = char.ToLowerInvariant(trimmed[0]) - 'a'; // "b" picks the second option
        }
        return index >= 0 && index < Options.Count ? new AnswerCheck(index == Correct, true) : AnswerCheck.NotUnderstood;
    }

    public override string Display() => Correct >= 0 && Correct < Options.Count ? Options[Correct] : "";

    public override IReadOnlyList<string> Validate() =>
        Options.Count < 2 ? ["a multiple-choice answer needs at least two options"]
        : Correct < 0 || Correct >= Options.Count ? [$"correct option {Correct} is not one of the {Options.Count} options"]
        : [];

    public override IReadOnlyList<decimal> RevealingNumbers() => [];

    public bool Equals(ChoiceAnswer? other) =>
        other is not null && Correct == other.Correct && Options.SequenceEqual(other.Options);

    public override int GetHashCode() => HashCode.Combine(Correct, Options.Count);
}

/// <param name="Accepted">Every accepted wording; compared ignoring case, surrounding space and repeated spaces.</param>
public sealed record TextAnswer(IReadOnlyList<string> Accepted) : AnswerSpec
{
    public override AnswerCheck Check(string input)
    {
        var normalized = Normalize(input);
        return normalized.Length == 0
            ? AnswerCheck.NotUnderstood
            : new AnswerCheck(Accepted.Any(a => Normalize(a ?? "") == normalized), true);
    }

    public override string Display() => Accepted.Count > 0 ? Accepted[0] : "";

    public override IReadOnlyList<string> Validate() =>
        Accepted.Count == 0 || Accepted.All(string.IsNullOrWhiteSpace) ? ["a text answer needs at least one accepted wording"] : [];

    public override IReadOnlyList<decimal> RevealingNumbers() => [];

    // Any whitespace counts as a space: tabs and non-breaking spaces arrive from phones and copy and paste.
    private static string Normalize(string text) =>
        string.Join(' ', text.Trim().TrimEnd('.', '!').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    public bool Equals(TextAnswer? other) => other is not null && Accepted.SequenceEqual(other.Accepted);

    public override int GetHashCode() => Accepted.Count;
}
