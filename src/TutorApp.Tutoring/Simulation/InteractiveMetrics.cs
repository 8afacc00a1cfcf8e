using System.Globalization;
using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// When each side of a dialogue first states the final answer, by MathDial's definition (Macina et al. 2023, the
/// repository's interactive evaluation): the 0-based index, among that side's utterances, of the first one containing a
/// number equal to the answer; null when none does.
/// </summary>
public sealed record AnswerHits(int? Teacher, int? Student)
{
    /// <summary>success@k: the student states the answer within its first k+1 utterances (index ≤ k).</summary>
    public bool SuccessAt(int k) => Student is { } student && student <= k;

    /// <summary>telling@k: the teacher states the answer no later than the student does, and within k.</summary>
    public bool TellingAt(int k) => Teacher is { } teacher && teacher <= Math.Min(Student ?? int.MaxValue, k);
}

/// <summary>success@k and telling@k for k = 1..<see cref="InteractiveMetrics.MaxK"/>, averaged over dialogues.</summary>
public sealed record MetricCurve(int Dialogues, IReadOnlyList<double> SuccessAtK, IReadOnlyList<double> TellingAtK);

/// <summary>MathDial's interactive metrics, as its evaluation script computes them.</summary>
public static partial class InteractiveMetrics
{
    public const int MaxK = 7;

    // MathDial: commas removed, then every [0-9]+(\.[0-9]+)? is a number, equal to the answer within 1e-7.
    private const double Tolerance = 1e-7;

    public static bool ContainsAnswer(string text, IReadOnlyCollection<decimal> answers) =>
        Numbers(text).Any(n => answers.Any(a => Math.Abs(n - (double)a) < Tolerance));

    public static IEnumerable<double> Numbers(string text) =>
        NumberPattern().Matches(text.Replace(",", "", StringComparison.Ordinal))
            .Select(m => double.Parse(m.Value, NumberStyles.Float, CultureInfo.InvariantCulture));

    public static int? FirstHit(IEnumerable<string> utterances, IReadOnlyCollection<decimal> answers)
    {
        var index = 0;
        foreach (var utterance in utterances)
        {
            if (ContainsAnswer(utterance, answers))
            {
                return index;
            }
            index++;
        }
        return null;
    }

    public static AnswerHits Hits(IEnumerable<string> teacher, IEnumerable<string> student, IReadOnlyCollection<decimal> answers) =>
        new(FirstHit(teacher, answers), FirstHit(student, answers));

    public static MetricCurve Curve(IReadOnlyCollection<AnswerHits> dialogues)
    {
        var n = Math.Max(1, dialogues.Count);
        var ks = Enumerable.Range(1, MaxK).ToList();
        return new MetricCurve(dialogues.Count,
            ks.Select(k => Math.Round(dialogues.Count(d => d.SuccessAt(k)) / (double)n, 4)).ToList(),
            ks.Select(k => Math.Round(dialogues.Count(d => d.TellingAt(k)) / (double)n, 4)).ToList());
    }

    [GeneratedRegex(@"[0-9]+(\.[0-9]+)?")]
    private static partial Regex NumberPattern();
}
