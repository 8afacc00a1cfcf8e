using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Tutoring.Judging;

/// <summary>The kinds of student message the judgement set covers, each scored on its own.</summary>
public enum JudgementCategory
{
    /// <summary>The asked step's value, in one of many written forms.</summary>
    RightValue,
    /// <summary>A right working line for the asked step ("a op b = value").</summary>
    RightWorking,
    /// <summary>"is it N?" with the right N.</summary>
    RightGuess,
    /// <summary>The value of another step than the one asked.</summary>
    OtherStepValue,
    /// <summary>A MathDial student's wrong final answer, stated as the answer.</summary>
    WrongFinalAnswer,
    /// <summary>A known misconception's wrong value for the asked step.</summary>
    MisconceptionValue,
    /// <summary>The right number in a unit that does not fit ("$9" for a count of eggs).</summary>
    WrongUnit,
    /// <summary>A MathDial student's whole incorrect solution as one message.</summary>
    WholeIncorrectSolution,
    /// <summary>The ground-truth solution as one message.</summary>
    WholeCorrectSolution,
    /// <summary>"is it N?" with a wrong N.</summary>
    WrongGuess,
    /// <summary>A question about a word or a step's reason.</summary>
    Question,
}

/// <summary>One labelled student message.</summary>
/// <param name="AskedStep">Index of the step asked when the message is sent (the earlier steps are answered plainly first).</param>
/// <param name="MustCredit">The step (key) that must be credited, or "#final" when the problem must close; null when nothing must.</param>
/// <param name="MayCredit">Steps that may be credited (their value is written in the message as a result).</param>
/// <param name="MayAffirm">The reply may say the student's answer is right.</param>
/// <param name="MayClose">The problem may be closed as solved.</param>
public sealed record JudgementCase(
    string ProblemKey,
    int AskedStep,
    string Message,
    JudgementCategory Category,
    string Form,
    string? MustCredit,
    IReadOnlyList<string> MayCredit,
    bool MayAffirm,
    bool MayClose);

/// <summary>
/// Builds the labelled judgement set from the shared MathDial dev split (problems, ground truths, students' incorrect
/// solutions) and GSM8K: for every step of every problem, its value in the forms students and the math keyboard write,
/// other steps' values, known wrong values, wrong units, guesses, questions, whole solutions. The labels come from the data
/// (which value belongs to which step, which answer is wrong), never from the engine that is judged. Deterministic.
/// </summary>
public static partial class JudgementSet
{
    /// <summary>GSM8K test problems added to the MathDial dev problems (the unit tests and the CLI use the same set).</summary>
    public const int Gsm8kProblems = 60;

    public sealed record Problem(BankProblemVersion Version, string Key, string? GroundTruth, IReadOnlyList<string> IncorrectSolutions);

    /// <summary>MathDial dev problems with their solutions (JSON Lines), built by the MathDial importer.</summary>
    public static IReadOnlyList<Problem> FromMathDial(string jsonlPath)
    {
        var text = File.ReadAllText(jsonlPath);
        var bank = MathDialParser.ImportJsonl(new StringReader(text), Path.GetFileName(jsonlPath), DateTimeOffset.UnixEpoch).Bank;
        var solutions = new Dictionary<string, (string Truth, List<string> Incorrect)>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            var key = $"mathdial-{json.RootElement.GetProperty("qid").GetInt64()}";
            if (!solutions.TryGetValue(key, out var entry))
            {
                solutions[key] = entry = (json.RootElement.GetProperty("ground_truth").GetString() ?? "", []);
            }
            entry.Incorrect.Add(json.RootElement.GetProperty("student_incorrect_solution").GetString() ?? "");
        }
        return bank.Document.Problems.Where(p => p.Versions.Count > 0 && solutions.ContainsKey(p.Key))
            .Select(p => new Problem(p.Versions[^1], p.Key, solutions[p.Key].Truth, solutions[p.Key].Incorrect)).ToList();
    }

    /// <summary>GSM8K problems (JSON Lines), the first <paramref name="count"/>, built by the GSM8K importer.</summary>
    public static IReadOnlyList<Problem> FromGsm8k(string jsonlPath, int count)
    {
        var lines = File.ReadLines(jsonlPath).Take(count).ToList();
        var bank = Gsm8kParser.Parse(new StringReader(string.Join('\n', lines)), Path.GetFileName(jsonlPath), "gsm8k-judgement", DateTimeOffset.UnixEpoch);
        var answers = lines.Select(l => { using var json = JsonDocument.Parse(l); return json.RootElement.GetProperty("answer").GetString() ?? ""; }).ToList();
        return bank.Document.Problems.Select((p, i) => new Problem(p.Versions[^1], p.Key, i < answers.Count ? Annotations().Replace(answers[i], "") : null, []))
            .Where(p => p.Version.Steps.Count > 0).ToList();
    }

    public static IReadOnlyList<JudgementCase> Build(IEnumerable<Problem> problems)
    {
        var cases = new List<JudgementCase>();
        foreach (var problem in problems)
        {
            cases.AddRange(ForProblem(problem));
        }
        return cases;
    }

    private static IEnumerable<JudgementCase> ForProblem(Problem problem)
    {
        var version = problem.Version;
        var steps = version.Steps;
        if (steps.Any(s => s.Expected is not NumberAnswer) || version.FinalAnswer is not NumberAnswer final)
        {
            yield break;
        }
        var values = steps.Select(s => ((NumberAnswer)s.Expected!).Value).ToList();
        var given = MathTextNumbers(version.Statement);
        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            var value = values[index];
            // A value shared with another step, or given in the statement, cannot be told apart: no right answer can be labelled.
            if (values.Count(v => v == value) > 1 || given.Contains(value))
            {
                continue;
            }
            // The scripted answers to the earlier steps must not end the dialogue before the message is sent.
            if (values.Take(index).Contains(final.Value))
            {
                yield break;
            }
            // The last step's value is the final answer and closes the problem; any other step is answered as asked.
            var closes = index == steps.Count - 1 && value == final.Value;
            var mustCredit = closes ? DialogueState.FinalAnswerKey : step.Key;
            IReadOnlyList<string> asked = [step.Key];
            foreach (var (form, message) in RightForms(value, step.Prompt))
            {
                yield return new JudgementCase(problem.Key, index, message, JudgementCategory.RightValue, form, mustCredit, asked, true, closes);
            }
            yield return new JudgementCase(problem.Key, index, $"is it {Plain(value)}?", JudgementCategory.RightGuess, "is it N?", mustCredit, asked, true, closes);
            if (WorkingLine(problem.GroundTruth, value) is { } line)
            {
                yield return new JudgementCase(problem.Key, index, line, JudgementCategory.RightWorking, "ground-truth line", mustCredit, asked, true, closes);
            }
            if (!closes && CountsThings(step.Prompt))
            {
                yield return new JudgementCase(problem.Key, index, $"${Plain(value)}", JudgementCategory.WrongUnit, "$N for a count", null, [], false, false);
            }

            for (var other = 0; other < steps.Count; other++)
            {
                var otherValue = values[other];
                if (other == index || otherValue == value || otherValue == final.Value || given.Contains(otherValue) || values.Count(v => v == otherValue) > 1)
                {
                    continue;
                }
                yield return new JudgementCase(problem.Key, index, Plain(otherValue), JudgementCategory.OtherStepValue, "bare", null, [], false, false);
                yield return new JudgementCase(problem.Key, index, $"I think it's {Plain(otherValue)}", JudgementCategory.OtherStepValue, "I think it's N", null, [], false, false);
                yield return new JudgementCase(problem.Key, index, $"is it {Plain(otherValue)}?", JudgementCategory.WrongGuess, "is it N? (another step)", null, [], false, false);
            }
            foreach (var wrong in step.Misconceptions.SelectMany(m => m.WrongValues).Distinct())
            {
                if (values.Contains(wrong) || wrong == final.Value || given.Contains(wrong))
                {
                    continue;
                }
                yield return new JudgementCase(problem.Key, index, Plain(wrong), JudgementCategory.MisconceptionValue, "bare", null, [], false, false);
            }
        }

        // Whole-problem messages, sent at the opening question.
        var wrongFinals = new HashSet<decimal>();
        foreach (var solution in problem.IncorrectSolutions)
        {
            var lines = solution.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == 0 || !NumberParser.TryParse(lines[^1].TrimEnd('.'), out var studentFinal) || studentFinal == final.Value)
            {
                continue;
            }
            var mayCredit = CreditableSteps(steps, values, solution);
            IReadOnlyList<string> askedFirst = values[0] == studentFinal ? [steps[0].Key] : [];
            yield return new JudgementCase(problem.Key, 0, solution, JudgementCategory.WholeIncorrectSolution, "MathDial incorrect solution", null, mayCredit, false, false);
            if (wrongFinals.Add(studentFinal))
            {
                yield return new JudgementCase(problem.Key, 0, $"I think the answer is {Plain(studentFinal)}", JudgementCategory.WrongFinalAnswer, "I think the answer is N", null, askedFirst, false, false);
                yield return new JudgementCase(problem.Key, 0, $"My final answer is {Plain(studentFinal)}.", JudgementCategory.WrongFinalAnswer, "my final answer is N", null, askedFirst, false, false);
            }
        }
        // A few MathDial ground truths miscalculate ("4+4+6 = 18"): those are not right solutions to accept.
        if (problem.GroundTruth is { Length: > 0 } truth && StudentWorking.Lines(truth).All(l => l.IsRight))
        {
            yield return new JudgementCase(problem.Key, 0, truth, JudgementCategory.WholeCorrectSolution, "ground truth", DialogueState.FinalAnswerKey,
                CreditableSteps(steps, values, truth), true, true);
        }
        var word = QuestionWords().Match(version.Statement);
        if (word.Success)
        {
            yield return new JudgementCase(problem.Key, 0, $"what does {word.Value.ToLowerInvariant()} mean?", JudgementCategory.Question, "vocabulary", null, [], false, false);
        }
        yield return new JudgementCase(problem.Key, 0, "why do I have to do this step?", JudgementCategory.Question, "why", null, [], false, false);
    }

    /// <summary>The asked value written the ways students and the math keyboard write it.</summary>
    private static IEnumerable<(string Form, string Message)> RightForms(decimal value, string prompt)
    {
        var plain = Plain(value);
        yield return ("bare", plain);
        yield return ("sentence", $"I think it's {plain}");
        yield return ("I got", $"I got {plain}");
        yield return ("trailing period", plain + ".");
        if (Noun(prompt) is { } noun)
        {
            yield return ("with the noun", $"{plain} {noun}");
        }
        if (IsMoney(prompt))
        {
            yield return ("currency", "$" + plain);
            yield return ("dollars", $"{plain} dollars");
        }
        if (value == Math.Round(value) && Math.Abs(value) >= 1000)
        {
            yield return ("thousands comma", value.ToString("#,##0", CultureInfo.InvariantCulture));
            if (value % 1000 == 0)
            {
                yield return ("k", $"{Plain(value / 1000)}k");
            }
        }
        if (value == Math.Round(value) && value is > 0 and < 1000)
        {
            yield return ("latex fraction", $"\\frac{{{Plain(value * 2)}}}{{2}}");
            yield return ("keyboard fraction", $"({Plain(value * 2)})/(2)");
            yield return ("half of", $"half of {Plain(value * 2)} is {plain}");
        }
        if (value != Math.Round(value))
        {
            yield return ("decimal zero", plain + "0");
        }
        if (value == Math.Round(value) && value is > 0 and <= 100)
        {
            yield return ("words", NumberWords((int)value));
        }
    }

    /// <summary>The ground-truth line whose last "= number" is the value: a right working line for that step.</summary>
    private static string? WorkingLine(string? truth, decimal value)
    {
        foreach (var line in (truth ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = StudentWorking.Lines(line);
            if (lines.Count > 0 && lines[^1].Written == value && lines[^1].Computed is not null && lines[^1].IsRight)
            {
                return line;
            }
        }
        return null;
    }

    /// <summary>Steps whose value the message writes at all: anything else credited is a false credit.</summary>
    private static List<string> CreditableSteps(IReadOnlyList<BankStep> steps, IReadOnlyList<decimal> values, string message) =>
        steps.Where((s, i) => MathTextNumbers(message).Contains(values[i])).Select(s => s.Key).ToList();

    private static HashSet<decimal> MathTextNumbers(string text) =>
        [.. NumberPattern().Matches(text).Select(m => decimal.TryParse(m.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number,
            CultureInfo.InvariantCulture, out var v) ? v : decimal.MinValue)];

    private static bool CountsThings(string prompt) =>
        prompt.Contains("how many", StringComparison.OrdinalIgnoreCase) && !IsMoney(prompt) && !MoneyWords().IsMatch(prompt);

    private static bool IsMoney(string prompt) =>
        prompt.Contains('$') || (MoneyWords().IsMatch(prompt) && !prompt.Contains("how many", StringComparison.OrdinalIgnoreCase));

    /// <summary>"How many eggs ..." gives "eggs".</summary>
    private static string? Noun(string prompt)
    {
        var match = HowManyNoun().Match(prompt);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    private static string Plain(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static readonly string[] _ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] _tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static string NumberWords(int value) => value switch
    {
        100 => "one hundred",
        < 20 => _ones[value],
        _ => value % 10 == 0 ? _tens[value / 10] : $"{_tens[value / 10]}-{_ones[value % 10]}",
    };

    [GeneratedRegex(@"<<[^>]*>>", RegexOptions.CultureInvariant)]
    private static partial Regex Annotations();

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\b(cost|costs|pay|paid|spend|spent|earn|earned|money|price|dollars|cents|profit|save|saved|change)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MoneyWords();

    [GeneratedRegex(@"\bhow many ([a-z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowManyNoun();

    [GeneratedRegex(@"\b(altogether|total|each|per|remaining|left|twice|half|difference|average|profit|discount|interest|percent)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuestionWords();
}
