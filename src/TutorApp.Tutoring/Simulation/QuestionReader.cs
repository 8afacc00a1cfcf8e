using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Simulation;

/// <summary>What a tutor turn asks, as the simulated student understands it from the words alone.</summary>
public enum AskedKind
{
    /// <summary>Arithmetic written out ("2 × 6. What do you get?"): the student computes it.</summary>
    Arithmetic,
    /// <summary>Which operation a quantity needs ("Which operation combines 20 and 4 here?").</summary>
    Operation,
    /// <summary>A quantity of the solution, found by the words and numbers of the question.</summary>
    Quantity,
    /// <summary>A yes/no check of a value the student gave ("Does 14 fit what the problem says?", "Are you sure?").</summary>
    Check,
    /// <summary>How the student got a value ("How did you get it?").</summary>
    Explanation,
    /// <summary>The student's whole solution ("Can you walk me through your solution?").</summary>
    WalkThrough,
    /// <summary>What the problem asks and gives ("What is the question asking you to find?").</summary>
    Restate,
    /// <summary>A question the student cannot tie to anything it knows.</summary>
    Unmapped,
}

/// <param name="Quantity">The quantity the question is about, when the student could tell.</param>
/// <param name="RunnerUp">A second quantity the words fit almost as well: the student may answer that one instead.</param>
/// <param name="Arithmetic">For <see cref="AskedKind.Arithmetic"/>: what to compute.</param>
/// <param name="Operator">For a check of an operation ("Is subtraction the right operation?"): the operation named.</param>
public sealed record ReadQuestion(AskedKind Kind, int? Quantity = null, int? RunnerUp = null, WrittenCalculation? Arithmetic = null,
    char? Operator = null);

/// <summary>
/// Reads a tutor turn the way a student does: the last question asked (or, without one, the last sentence), arithmetic
/// it can compute, and which quantity of the solution it is about by the words and numbers it shares with each
/// quantity's sentence in the worked solution. It sees only text: no move label, step key, node key or expected value.
/// </summary>
public static partial class QuestionReader
{
    // Below this the words say too little to tie the question to any quantity.
    private const double MinimumScore = 0.6;
    // A runner-up this close is a real ambiguity a student can fall for.
    private const double AmbiguityRatio = 0.85;

    /// <param name="beliefs">The student's current value of each quantity (a number in the question equal to one is "its" number).</param>
    /// <param name="topic">The quantity last talked about, for "this value", "try again", "are you sure?".</param>
    public static ReadQuestion Read(string text, StudentKnowledge knowledge, IReadOnlyList<decimal> beliefs, int? topic)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(beliefs);
        var (ask, before) = LastAsk(text);
        // Arithmetic is a question to compute only when the words ask for a result ("What is 48 ÷ 2?", "2 × 6. What do you
        // get?"); a fraction inside a sentence ("If 2/5 of the chairs were empty, ...") is part of the story.
        var arithmetic = ComputeRequest().IsMatch(ask)
            ? StudentArithmetic.Expressions(ask).Where(a => !FollowedByOf(ask, a)).ToList()
            : [];
        if (arithmetic.Count == 0 && BareRequest().IsMatch(ask))
        {
            arithmetic = [.. StudentArithmetic.Expressions(before)];
        }
        var numbers = StudentArithmetic.Tokenize(ask).OfType<NumberToken>().Select(n => n.Value).ToList();

        if (Operation().IsMatch(ask))
        {
            var named = NamedOperator(ask);
            return new ReadQuestion(AskedKind.Operation, ByOperands(knowledge, numbers) ?? Best(knowledge, ask, beliefs).Best
                ?? (Referential().IsMatch(ask) || named is not null ? topic : null), Operator: named);
        }
        if (arithmetic.Count > 0 && !WalkThrough().IsMatch(ask))
        {
            var longest = arithmetic.OrderByDescending(a => a.Tokens.Count).First();
            var about = knowledge.Quantities.FirstOrDefault(q => q.Value == longest.Value)?.Index;
            return new ReadQuestion(AskedKind.Arithmetic, about, Arithmetic: longest);
        }
        if (WalkThrough().IsMatch(ask))
        {
            return new ReadQuestion(AskedKind.WalkThrough);
        }
        if (Restate().IsMatch(ask))
        {
            return new ReadQuestion(AskedKind.Restate);
        }
        var own = numbers.Select(n => IndexOf(beliefs, n)).FirstOrDefault(i => i is not null);
        if (Explanation().IsMatch(ask))
        {
            return new ReadQuestion(AskedKind.Explanation, own ?? topic);
        }
        if (FinalQuestion().IsMatch(ask))
        {
            return new ReadQuestion(AskedKind.Quantity, knowledge.Final.Index);
        }
        if (YesNo().IsMatch(ask) && (own is not null || (numbers.Count == 0 && Referential().IsMatch(ask) && topic is not null)))
        {
            return new ReadQuestion(AskedKind.Check, own ?? topic);
        }
        var (best, runnerUp) = Best(knowledge, ask, beliefs);
        if (best is not null)
        {
            return new ReadQuestion(AskedKind.Quantity, best, runnerUp);
        }
        if (topic is not null && Referential().IsMatch(ask))
        {
            // "Reread that part: what is the value?" follows the conversation: the student knows what "that" is.
            return new ReadQuestion(AskedKind.Quantity, topic);
        }
        return new ReadQuestion(AskedKind.Unmapped);
    }

    private static bool FollowedByOf(string text, WrittenCalculation calculation)
    {
        var last = StudentArithmetic.Format(calculation.Operands[^1]);
        var at = text.IndexOf(last + " of ", StringComparison.OrdinalIgnoreCase);
        return at >= 0;
    }

    /// <summary>The last question of a turn and the sentence before it; without a question, the last sentence.</summary>
    public static (string Ask, string Before) LastAsk(string text)
    {
        // "Fill in the blank: "... there would be ___ pie pieces."" asks for the blank.
        text = text.Replace("___", " what ?", StringComparison.Ordinal);
        var sentences = Sentences().Matches(text).Select(m => m.Value.Trim()).Where(s => s.Any(char.IsLetterOrDigit)).ToList();
        if (sentences.Count == 0)
        {
            return (text.Trim(), "");
        }
        var index = sentences.FindLastIndex(s => s.EndsWith('?'));
        if (index < 0)
        {
            index = sentences.Count - 1;
        }
        return (sentences[index], index > 0 ? sentences[index - 1] : "");
    }

    /// <summary>The quantity whose calculation uses every number the question names ("combines 20 and 4").</summary>
    private static int? ByOperands(StudentKnowledge knowledge, IReadOnlyList<decimal> numbers)
    {
        if (numbers.Count == 0)
        {
            return null;
        }
        return knowledge.Quantities.Where(q => q.Calculation is { } c && numbers.All(c.Operands.Contains))
            .OrderBy(q => q.Calculation!.Operands.Count).Select(q => (int?)q.Index).FirstOrDefault();
    }

    /// <summary>
    /// Scores each quantity by the question's content words it shares (rarer words among the quantities count more), the
    /// question's numbers that its calculation uses, and the student's own value of it named in the question.
    /// </summary>
    private static (int? Best, int? RunnerUp) Best(StudentKnowledge knowledge, string ask, IReadOnlyList<decimal> beliefs)
    {
        var words = StudentWords.Of(ask).ToHashSet();
        var numbers = StudentArithmetic.Tokenize(ask).OfType<NumberToken>().Select(n => n.Value).ToList();
        var quantities = knowledge.Quantities;
        var sets = quantities.Select(q => q.Words.ToHashSet()).ToList();
        double Idf(string word)
        {
            var df = sets.Count(s => s.Contains(word));
            return df == 0 ? 0 : Math.Log((quantities.Count + 1.0) / df);
        }
        var scores = quantities.Select(q =>
        {
            var set = sets[q.Index];
            var shared = words.Where(set.Contains).Sum(Idf);
            var operands = q.Calculation?.Operands ?? [];
            var numberBonus = numbers.Count(n => operands.Contains(n)) * 0.8 + numbers.Count(n => n == beliefs[q.Index]) * 1.5;
            // Among equally fitting quantities, the one whose sentence says least besides is the one asked.
            return shared + numberBonus - 0.03 * set.Count(w => !words.Contains(w));
        }).ToList();
        // A quantity qualifies by rare shared words, or by containing every content word of a question of two or more
        // ("What is the total number of paws?" when every line counts paws): then the ranking decides among them.
        bool Qualifies(int i) => scores[i] >= MinimumScore || (words.Count >= 2 && words.All(sets[i].Contains));
        var order = Enumerable.Range(0, scores.Count).Where(Qualifies).OrderByDescending(i => scores[i]).ThenBy(i => i).ToList();
        if (order.Count == 0)
        {
            return (null, null);
        }
        var runnerUp = order.Count > 1 && scores[order[1]] >= scores[order[0]] - Math.Abs(scores[order[0]]) * (1 - AmbiguityRatio) ? order[1] : (int?)null;
        return (order[0], runnerUp);
    }

    /// <summary>The operation a check names ("Is subtraction the right operation?", "Should you add?").</summary>
    public static char? NamedOperator(string text)
    {
        var match = OperationWord().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var word = match.Value.ToLowerInvariant();
        return word.StartsWith("add", StringComparison.Ordinal) || word is "plus" or "sum" ? '+'
            : word.StartsWith("subtract", StringComparison.Ordinal) || word is "minus" or "take away" or "difference" ? '-'
            : word.StartsWith("multipl", StringComparison.Ordinal) || word is "times" or "product" ? '*'
            : '/';
    }

    private static int? IndexOf(IReadOnlyList<decimal> beliefs, decimal value)
    {
        for (var i = 0; i < beliefs.Count; i++)
        {
            if (beliefs[i] == value)
            {
                return i;
            }
        }
        return null;
    }

    // A full stop between digits is a decimal point ("5000 × 0.2."), not the end of a sentence.
    [GeneratedRegex(@"(?:[^.!?\n]|(?<=\d)\.(?=\d))+[.!?]*|\n", RegexOptions.CultureInvariant)]
    private static partial Regex Sentences();

    [GeneratedRegex(@"^\W*(so\s+)?(what\s+do\s+(you|we)\s+get|what\s+is\s+(that|it|the\s+result)|what\s+does\s+that\s+(give|make)|(can\s+you\s+)?(work|figure)\s+(it|that)\s+out|(and\s+)?the\s+result)\W*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareRequest();

    [GeneratedRegex(@"\bwhat\s+is\b|\bwhat's\b|\bcalculate\b|\bcompute\b|\bwork\s+out\b|\bwhat\s+do\s+(you|we)\s+get\b|\bresult\b|\bequals?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComputeRequest();

    [GeneratedRegex(@"\b(which|what)\s+operation|\bwhat\s+(do|should|would|could)\s+(you|we|i)\s+do\s+with\b|\b(the\s+right|the\s+correct|a)\s+operation\b|\bput\s+together\b.*\btaken\s+away\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Operation();

    [GeneratedRegex(@"\b(add(ition|ing)?|plus|sum|subtract(ion|ing)?|minus|take away|difference|multipl(y|ication|ying)|times|product|divi(de|sion|ding))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OperationWord();

    [GeneratedRegex(@"\b(walk|talk|take)\s+me\s+through|\byour\s+(solution|working|work|steps|answer|thinking|reasoning)\b|\bhow\s+you\s+(solved|did|got)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WalkThrough();

    [GeneratedRegex(@"\bwhat\s+is\s+the\s+(question|problem)\s+asking|\bwhat\s+are\s+you\s+(asked|trying)|\bwhat\s+information\b|\bwhat\s+do\s+(you|we)\s+know\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Restate();

    [GeneratedRegex(@"\bhow\s+did\s+you\s+(get|find|work|know|come)|\bexplain\b|\bwhy\s+did\s+you\b|\bwhere\s+(did|does)\b.*\b(get|come)\b|\bhow\s+do\s+you\s+know\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Explanation();

    [GeneratedRegex(@"\banswer\s+to\s+the\s+(whole\s+)?(problem|question)\b|\bfinal\s+answer\b|\bwhole\s+problem\b|\b(tell|give)\s+me\s+the\s+answer\b|\bwhat\s+is\s+the\s+answer\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FinalQuestion();

    [GeneratedRegex(@"^\W*(is|are|does|do|did|can|could|would|should|was|were|will)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YesNo();

    [GeneratedRegex(@"\b(this|that)\s+(value|step|part|number|one|calculation)\b|\btry\s+again\b|\bagain\b|\bare\s+you\s+sure\b|\bhere\b|\b(it|that)\s*\?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Referential();
}
