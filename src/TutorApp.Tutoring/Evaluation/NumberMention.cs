namespace TutorApp.Tutoring.Evaluation;

/// <summary>How a number was written.</summary>
public enum NumberForm
{
    Integer,
    Decimal,
    Fraction,
    MixedNumber,
    Percent,
    Words,
}

/// <summary>One number found in a text.</summary>
/// <param name="Value">The value; a percentage keeps its face value (45% is 45), as <c>NumberParser</c> reads it.</param>
/// <param name="Text">The characters as written, e.g. "$1,250", "2 1/2", "twenty-four".</param>
/// <param name="Canonical">What an <c>AnswerSpec</c> is given to check: "1250", "2 1/2", "24", "3/4" (fractions stay fractions,
/// so a spec that requires lowest terms can still judge them).</param>
/// <param name="Decimals">Decimal places written, so 0.67 can be recognised as 2/3 rounded.</param>
public sealed record NumberMention(decimal Value, string Text, string Canonical, NumberForm Form, int Start, int End, int Decimals)
{
    /// <summary>The pieces written inside a fraction or mixed number (whole, numerator, denominator): the leak guard checks them too.</summary>
    public IReadOnlyList<decimal> Parts { get; init; } = [];

    /// <summary>Index of the first and last token of the message that this number covers.</summary>
    internal int FirstToken { get; init; }

    internal int LastToken { get; init; }

    /// <summary>Set for a simple fraction or mixed number (including words such as "two thirds").</summary>
    internal (long Whole, long Numerator, long Denominator)? FractionParts { get; init; }

    /// <summary>A percentage also read as a proportion (45% as 0.45) when the face value is not what was asked.</summary>
    public decimal? ProportionValue => Form == NumberForm.Percent ? Value / 100m : null;
}
