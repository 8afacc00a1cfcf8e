using System.Globalization;
using System.Text.RegularExpressions;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// Reads a free-text student message against the current step and question: the numbers and expressions in it, whether
/// they are right, which other steps' values it states, which misconception it shows, and what the student wants.
/// The message is untrusted: it is capped in length, patterns run with timeouts, and nothing here throws.
/// </summary>
public sealed class MessageEvaluator
{
    public const int MaxMessageLength = 2000;

    private static readonly TimeSpan _patternTimeout = TimeSpan.FromMilliseconds(100);

    public MessageEvaluation Evaluate(BankProblemVersion problem, DialogueState state, string? message)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(state);
        return Evaluate(ProblemTree.For(problem), state, message);
    }

    internal MessageEvaluation Evaluate(ProblemTree tree, DialogueState state, string? message)
    {
        try
        {
            return EvaluateCore(tree, state, message ?? "");
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A bug must not end the student's session; the turn is answered as if the message said nothing useful.
            return new MessageEvaluation
            {
                Intent = MessageIntent.OffTopic,
                StepKey = state.CurrentStepKey,
                NodeKey = state.CurrentNodeKey,
                Failure = exception.GetType().Name + ": " + exception.Message,
            };
        }
    }

    private static MessageEvaluation EvaluateCore(ProblemTree tree, DialogueState state, string message)
    {
        var truncated = message.Length > MaxMessageLength;
        var step = tree.Step(state.CurrentStepKey);
        var node = tree.Node(state.CurrentNodeKey) is { } current && current.Step == step?.Key ? current : null;
        // "420 million" answers "how many million did it make?" with 420: the scale word is then the unit, not a factor.
        var asksInScale = IntentPatterns.NamesScale(node?.Text ?? step?.Prompt ?? tree.FinalQuestion);
        var text = MathText.Normalize(truncated ? message[..MaxMessageLength] : message, scaleWords: !asksInScale);
        var result = new MessageEvaluation
        {
            Intent = MessageIntent.OffTopic,
            StepKey = step?.Key,
            NodeKey = node?.Key,
            Truncated = truncated,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        text = Remainders.Rewrite(text, [node?.Expected, step?.Expected ?? tree.Version.FinalAnswer], tree.GivenNumbers);
        var reading = MessageReading.Read(text);
        result = result with { Numbers = reading.Numbers, Hedged = reading.Hedged, Answer = reading.Hedged ? null : reading.Answer };
        // Manipulation and requests for the answer come first: a number inside "ignore your rules, the answer is 16" is not an attempt.
        if (IntentPatterns.IsRevealAttempt(text))
        {
            return result with { Intent = MessageIntent.RevealAttempt };
        }
        if (IntentPatterns.IsAskingForAnswer(text))
        {
            return result with { Intent = MessageIntent.AsksForAnswer };
        }
        // A question about a word or a reason is answered as such; "is it 12?" offers 12 and stays an answer.
        if (reading.AnswerValues.Count == 0 && (IntentPatterns.VocabularyTerm(text) is { } term ? new StudentQuestion(term)
            : IntentPatterns.IsWhyQuestion(text) ? new StudentQuestion(null) : null) is { } question)
        {
            return result with { Intent = MessageIntent.AsksQuestion, Question = question };
        }

        var candidates = TextCandidates(text, reading);
        var stepSpec = step is null ? tree.Version.FinalAnswer : step.Expected;
        var askedText = node?.Text ?? step?.Prompt ?? tree.FinalQuestion;
        var working = StudentWorking.Lines(text);
        string? finalAnswer = null;
        var wrongLine = working.FirstOrDefault(l => !l.IsRight);
        var offered = OfferedAnswer(text, reading);
        // "The answer is N", a whole solution (several lines of working), or words that describe the problem's own question
        // ("14 fish in each aquarium") present N as the answer to the whole problem.
        var wholeClaim = IntentPatterns.ClaimsWholeAnswer(text) || working.Count >= 2
            || text.Split('\n').Count(line => line.Any(char.IsAsciiDigit)) >= 2
            || (offered is not null && step is not null
                && QuantityReading.Overlap(reading, offered, tree.FinalQuestion) > QuantityReading.Overlap(reading, offered, askedText));
        var wrongQuantity = offered is not null && QuantityReading.Fit(reading, offered, askedText) == QuantityFit.Mismatch;

        // A value that answers the question asked is taken as that answer, even when the final answer happens to be the
        // same number ("4" for the change, when the problem asks for 4 pounds of candy): only the last step, or a message
        // that says it answers the whole problem, closes it.
        var answersAskedStep = offered is not null && step is not null && !wholeClaim && step != tree.StepsInOrder[^1]
            && step.Expected is not null and not ExpressionAnswer && Matches(step.Expected, offered);
        var final = !answersAskedStep && JudgeFinal(tree, reading, candidates, offered, wrongLine, out finalAnswer);
        string? nodeAnswer = null;
        var nodeVerdict = node is null ? Verdict.NotApplicable
            : Judge(node.Expected, reading, candidates, offered, wrongQuantity, out nodeAnswer);
        var stepVerdict = step is null
            ? (final ? Verdict.Correct : Judge(stepSpec, reading, candidates, offered, true, out _))
            : Judge(stepSpec, reading, candidates, offered, wrongQuantity, out _);
        var stepAnswer = stepVerdict == Verdict.Correct ? offered?.Text ?? candidates.FirstOrDefault() : offered?.Text;
        var stated = CreditedSteps(tree, state, step, stepVerdict, working, candidates);
        var correct = final || stepVerdict == Verdict.Correct || nodeVerdict == Verdict.Correct;
        var answerText = (final ? finalAnswer : null) ?? (stepVerdict == Verdict.Correct ? stepAnswer : null)
            ?? (nodeVerdict == Verdict.Correct ? nodeAnswer : null) ?? stepAnswer ?? nodeAnswer ?? reading.Answer?.Text;
        var (referent, referentStep) = correct ? (final ? AnswerReferent.FinalAnswer : AnswerReferent.AskedQuantity, (string?)null)
            : offered is null ? (AnswerReferent.None, null) : Refer(tree, step, offered);
        result = result with
        {
            // An expression question is answered by the expression, not by a number inside it ("2" of "2(x + 3)").
            Answer = (node?.Expected ?? stepSpec) is ExpressionAnswer ? null : offered,
            NodeVerdict = nodeVerdict,
            StepVerdict = stepVerdict,
            StatesFinalAnswer = final,
            StatedSteps = stated,
            AnswerText = answerText,
            MisconceptionKey = correct ? null : MatchMisconception(step, reading, offered, text),
            Referent = referent,
            ReferentStepKey = referentStep,
            WrongQuantity = !correct && wrongQuantity,
            ClaimsWholeAnswer = wholeClaim,
            Working = working,
            WrongLine = wrongLine,
        };

        var answered = offered is not null || reading.Hedged || nodeVerdict == Verdict.Wrong || stepVerdict == Verdict.Wrong;
        if (correct || stated.Count > 0)
        {
            return result with { Intent = MessageIntent.AnswerAttempt };
        }
        var openQuestion = state.PendingMisconception is not null || (node is not null && node.Expected is null && node.Parent is not null);
        if (answered)
        {
            var intermediate = !reading.Hedged && offered is not null && !wholeClaim && IsIntermediate(tree, state, step, offered);
            // Replying to an open question with the problem's own numbers ("each pen costs 3") is an explanation, not an answer.
            var explaining = openQuestion && !reading.Hedged && reading.AnswerValues.Count > 0
                && reading.AnswerValues.All(value => IsGiven(tree, value));
            return result with
            {
                Intent = intermediate || explaining ? MessageIntent.PartialReasoning : MessageIntent.AnswerAttempt,
                IsIntermediateValue = intermediate,
            };
        }
        var intent = ClassifyWithoutAnswer(text, reading, openQuestion);
        return intent == MessageIntent.PartialReasoning && reading.Working.Count > 0
            ? result with { Intent = intent, CalculationValue = StudentWorking.ValueOfCalculation(text) }
            : result with { Intent = intent };
    }

    /// <summary>
    /// The number the student offers as the answer: the reading's answer, or in a message of several lines (a whole
    /// solution) the answer of its last line that has one, since a solution ends with its answer.
    /// </summary>
    private static NumberMention? OfferedAnswer(string text, MessageReading reading)
    {
        if (reading.Hedged)
        {
            return null;
        }
        var lastLineStart = -1;
        var lines = text.Split('\n');
        for (int index = lines.Length - 1, end = text.Length; index >= 0; index--)
        {
            var start = end - lines[index].Length;
            if (reading.Numbers.Any(n => n.Start >= start && n.End <= end))
            {
                lastLineStart = start;
                break;
            }
            end = start - 1;
        }
        if (lastLineStart <= 0 || reading.Answer is null || reading.Answer.Start >= lastLineStart)
        {
            return reading.Answer;
        }
        var last = MessageReading.Read(text[lastLineStart..]);
        return last.Answer is { } answer && !last.Hedged
            ? reading.Numbers.FirstOrDefault(n => n.Start == answer.Start + lastLineStart) ?? reading.Answer
            : reading.Answer;
    }

    /// <summary>
    /// The final answer is stated when the offered answer is it, in a unit that fits the problem's question, and no working
    /// line before it is wrong: a number that merely appears somewhere in the message does not close the problem.
    /// </summary>
    private static bool JudgeFinal(ProblemTree tree, MessageReading reading, IReadOnlyList<string> candidates, NumberMention? offered,
        WorkingLine? wrongLine, out string? answer)
    {
        answer = null;
        var spec = tree.Version.FinalAnswer;
        if (spec is ExpressionAnswer or ChoiceAnswer or TextAnswer)
        {
            return Judge(spec, reading, candidates, offered, false, out answer) == Verdict.Correct;
        }
        if (offered is null || wrongLine is not null || !Matches(spec, offered)
            || QuantityReading.Fit(reading, offered, tree.FinalQuestion) == QuantityFit.Mismatch)
        {
            return false;
        }
        answer = offered.Text;
        return true;
    }

    /// <summary>What a number that is not the asked value stands for: another step's value, a known mistake, a given number.</summary>
    private static (AnswerReferent, string?) Refer(ProblemTree tree, BankStep? asked, NumberMention offered)
    {
        foreach (var other in tree.StepsInOrder)
        {
            if (other != asked && other.Expected is not null and not ExpressionAnswer && Matches(other.Expected, offered))
            {
                return (AnswerReferent.OtherStep, other.Key);
            }
        }
        if (tree.StepsInOrder.SelectMany(s => s.Misconceptions ?? []).Any(m => m is not null
            && (m.WrongValues ?? []).Any(wrong => NumberComparison.SameNumber(offered.Value, offered.Decimals, wrong))))
        {
            return (AnswerReferent.Misconception, null);
        }
        return IsGiven(tree, offered) ? (AnswerReferent.Given, null) : (AnswerReferent.Unknown, null);
    }

    private static MessageIntent ClassifyWithoutAnswer(string text, MessageReading reading, bool openQuestion)
    {
        if (reading.Working.Count > 0)
        {
            return MessageIntent.PartialReasoning; // "2 times 8": working without the result
        }
        if (IntentPatterns.IsAskingForHint(text))
        {
            return MessageIntent.AsksForHint;
        }
        if (IntentPatterns.IsDontKnow(text))
        {
            return MessageIntent.DontKnow;
        }
        if (IntentPatterns.IsGreeting(text))
        {
            return MessageIntent.Greeting;
        }
        // An open question ("why do you divide here?") is answered in words; any reply is reasoning.
        if (openQuestion || reading.HasWorking)
        {
            return MessageIntent.PartialReasoning;
        }
        if (IntentPatterns.HasReasoningWords(text))
        {
            return text.TrimEnd().EndsWith('?') ? MessageIntent.AsksForHint : MessageIntent.PartialReasoning;
        }
        return MessageIntent.OffTopic;
    }

    /// <summary>
    /// Compares the message with a spec. <paramref name="answer"/> is what was judged, as the student wrote it. A number is
    /// judged by the one the student offers as the answer, never by any number in the message; <paramref name="refuse"/>
    /// marks an offered number that cannot be this quantity (another unit, or presented as the whole problem's answer).
    /// </summary>
    private static Verdict Judge(AnswerSpec? spec, MessageReading reading, IReadOnlyList<string> candidates, NumberMention? offered,
        bool refuse, out string? answer)
    {
        answer = null;
        switch (spec)
        {
            case null:
                return Verdict.NotApplicable;
            case ExpressionAnswer expression:
                return JudgeText(expression, candidates, understoodIsAnswer: true, out answer);
            case ChoiceAnswer choice:
                return JudgeText(choice, candidates, understoodIsAnswer: true, out answer);
            case TextAnswer words:
                {
                    // Every non-empty text is "understood" as a text answer, so only a match says anything. A short accepted
                    // wording inside a sentence counts too: "I think we divide." names the operation "divide".
                    if (JudgeText(words, candidates, understoodIsAnswer: false, out answer) == Verdict.Correct || SameNumbers(words, reading)
                        || (reading.Numbers.Count == 0 && candidates.Count > 0 && NamesAccepted(words, reading)))
                    {
                        answer ??= candidates[0];
                        return Verdict.Correct;
                    }
                    answer = reading.Answer?.Text;
                    // "multiply" for a question whose answer is "subtract" is a wrong answer, not reasoning to build on.
                    var wordsOnly = reading.Numbers.Count == 0 && candidates.Count > 0 && IntentPatterns.HasReasoningWords(candidates[0]);
                    return reading.AnswerValues.Count > 0 || reading.Hedged || wordsOnly ? Verdict.Wrong : Verdict.NotAnswered;
                }
            default:
                {
                    if (offered is not null && !refuse && Matches(spec, offered))
                    {
                        answer = offered.Text;
                        return Verdict.Correct;
                    }
                    answer = offered?.Text;
                    return offered is not null || (reading.Hedged && reading.Stated.Count > 0) ? Verdict.Wrong : Verdict.NotAnswered;
                }
        }
    }

    private static Verdict JudgeText(AnswerSpec spec, IReadOnlyList<string> candidates, bool understoodIsAnswer, out string? answer)
    {
        answer = null;
        var verdict = Verdict.NotAnswered;
        foreach (var candidate in candidates)
        {
            var check = SafeCheck(spec, candidate);
            if (check.Correct)
            {
                answer = candidate;
                return Verdict.Correct;
            }
            if (check.Understood && understoodIsAnswer && verdict == Verdict.NotAnswered)
            {
                answer = candidate;
                verdict = Verdict.Wrong;
            }
        }
        return verdict;
    }

    /// <summary>An accepted one- or two-word wording appears as whole words in the message ("we divide them" for "divide").</summary>
    private static bool NamesAccepted(TextAnswer spec, MessageReading reading)
    {
        var words = reading.Tokens.Where(t => t.Kind == TokenKind.Word).Select(t => t.Text).ToList();
        if (words.Count == 0 || words.Count > 12 || words.Any(w => w is "not" or "don't" or "dont" or "never" or "no"))
        {
            return false;
        }
        foreach (var accepted in spec.Accepted ?? [])
        {
            var parts = (accepted ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || !parts.All(p => p.All(char.IsLetter)))
            {
                continue;
            }
            for (var i = 0; i + parts.Length <= words.Count; i++)
            {
                if (parts.Select((p, j) => words[i + j] == p).All(same => same))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>"8 slices and 2 pizzas" answers a text question whose accepted wording is "8 and 2".</summary>
    private static bool SameNumbers(TextAnswer spec, MessageReading reading)
    {
        if (reading.Numbers.Count == 0 || reading.Hedged)
        {
            return false;
        }
        var written = reading.Numbers.Select(n => n.Value).Order().ToList();
        foreach (var accepted in spec.Accepted ?? [])
        {
            if (string.IsNullOrWhiteSpace(accepted))
            {
                continue;
            }
            var expected = NumberReader.Read(accepted, TextTokenizer.Tokenize(accepted), strict: false).Select(n => n.Value).Order().ToList();
            if (expected.Count > 0 && expected.SequenceEqual(written))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>A computed value (16 ÷ 3 as 5.333…) against a spec; a fraction is compared by its value, not its written form.</summary>
    internal static bool MatchesValue(AnswerSpec spec, decimal value) =>
        spec is FractionAnswer { Denominator: not 0 } fraction
            ? Math.Abs((decimal)fraction.Numerator / fraction.Denominator - value) < 0.000001m
            : SafeCheck(spec, value.ToString("0.##########", CultureInfo.InvariantCulture)).Correct;

    internal static bool Matches(AnswerSpec spec, NumberMention value) =>
        SafeCheck(spec, value.Canonical).Correct
        || (value.ProportionValue is { } proportion && SafeCheck(spec, proportion.ToString(CultureInfo.InvariantCulture)).Correct);

    private static AnswerCheck SafeCheck(AnswerSpec spec, string input)
    {
        try
        {
            return spec.Check(input);
        }
        catch (Exception exception) when (exception is ArithmeticException or FormatException or ArgumentException or InvalidOperationException)
        {
            return AnswerCheck.NotUnderstood;
        }
    }

    /// <summary>
    /// The steps the message gives credit for: the asked step when its value is the offered answer, and every unresolved
    /// step whose value is the result of a right working line ("16 - 3 = 13"). A bare number that happens to be another
    /// step's value credits nothing, and a number the problem statement gives is no working.
    /// </summary>
    private static List<string> CreditedSteps(ProblemTree tree, DialogueState state, BankStep? target, Verdict targetVerdict,
        IReadOnlyList<WorkingLine> working, IReadOnlyList<string> candidates)
    {
        var credited = new List<string>();
        if (target is not null && targetVerdict == Verdict.Correct)
        {
            credited.Add(target.Key);
        }
        var open = tree.StepsInOrder.Where(s => s.Expected is not null && !state.ResolvedSteps.Contains(s.Key)).ToList();
        if (target is not null && open.Remove(target))
        {
            open.Insert(0, target);
        }
        foreach (var step in open.Where(s => s.Expected is ExpressionAnswer))
        {
            if (step != target && JudgeText(step.Expected!, candidates, understoodIsAnswer: false, out _) == Verdict.Correct)
            {
                credited.Add(step.Key);
            }
        }
        foreach (var line in working.Where(l => l.Computed is not null && l.IsRight && !tree.GivenNumbers.Contains(l.Written)))
        {
            var written = line.Written.ToString("0.##########", CultureInfo.InvariantCulture);
            var step = open.FirstOrDefault(s => !credited.Contains(s.Key) && s.Expected is not ExpressionAnswer && SafeCheck(s.Expected!, written).Correct);
            if (step is not null)
            {
                credited.Add(step.Key);
            }
        }
        return credited;
    }

    private static bool IsGiven(ProblemTree tree, NumberMention value) => tree.GivenNumbers.Contains(value.Value);

    /// <summary>
    /// A right value for an earlier part: a resolved step or a step this one uses ("16" when sharing the 16 slices is asked).
    /// Values of other sub-questions do not count: "5" answers "if there were 15 slices", but is wrong for the step.
    /// </summary>
    private static bool IsIntermediate(ProblemTree tree, DialogueState state, BankStep? step, NumberMention value)
    {
        var earlier = tree.StepsInOrder.Where(s => s.Expected is not null
            && (state.ResolvedSteps.Contains(s.Key) || (step is not null && tree.DependenciesOf(step.Key).Contains(s.Key))));
        return earlier.Any(s => Matches(s.Expected!, value));
    }

    private static string? MatchMisconception(BankStep? step, MessageReading reading, NumberMention? offered, string text)
    {
        if (step is null)
        {
            return null;
        }
        IReadOnlyList<NumberMention> values = reading.Hedged ? reading.Stated : offered is null ? [] : [offered];
        foreach (var misconception in step.Misconceptions ?? [])
        {
            if (misconception is null)
            {
                continue;
            }
            if ((misconception.WrongValues ?? []).Any(wrong => values.Any(v => NumberComparison.SameNumber(v.Value, v.Decimals, wrong))))
            {
                return misconception.Key;
            }
            if ((misconception.Patterns ?? []).Any(pattern => PatternMatches(pattern, text)))
            {
                return misconception.Key;
            }
        }
        return null;
    }

    private static bool PatternMatches(string? pattern, string text)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return false;
        }
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, _patternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false; // an invalid pattern in the bank; the validator reports it to authors
        }
    }

    /// <summary>The whole message, and what follows the last "=" or result word ("the answer is 2x + 6").</summary>
    private static List<string> TextCandidates(string text, MessageReading reading)
    {
        var candidates = new List<string>();
        Add(candidates, text);
        var equals = text.LastIndexOf('=');
        if (equals >= 0)
        {
            Add(candidates, text[(equals + 1)..]);
        }
        var marker = reading.Tokens.LastOrDefault(t => t.Kind == TokenKind.Word && t.Text is "is" or "equals" or "it's" or "answer" or "get" or "got" or "be" or "so");
        if (marker.Text is not null)
        {
            Add(candidates, text[marker.End..]);
        }
        return candidates;

        static void Add(List<string> list, string candidate)
        {
            var trimmed = candidate.Trim().TrimEnd('.', '!', '?', ' ').Trim();
            if (trimmed.Length > 0 && !list.Contains(trimmed))
            {
                list.Add(trimmed);
            }
        }
    }

}
