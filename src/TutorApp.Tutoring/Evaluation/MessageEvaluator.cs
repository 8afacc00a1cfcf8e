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
        var text = MathText.Normalize(truncated ? message[..MaxMessageLength] : message);
        var step = tree.Step(state.CurrentStepKey);
        var node = tree.Node(state.CurrentNodeKey) is { } current && current.Step == step?.Key ? current : null;
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

        var candidates = TextCandidates(text, reading);
        var stepSpec = step is null ? tree.Version.FinalAnswer : step.Expected;
        string? nodeAnswer = null;
        var nodeVerdict = node is null ? Verdict.NotApplicable : Judge(node.Expected, reading, candidates, out nodeAnswer);
        var stepVerdict = Judge(stepSpec, reading, candidates, out var stepAnswer);
        var final = Judge(tree.Version.FinalAnswer, reading, candidates, out var finalAnswer) == Verdict.Correct;
        var stated = StatedSteps(tree, state, step, stepVerdict, reading, candidates);
        var correct = final || stepVerdict == Verdict.Correct || nodeVerdict == Verdict.Correct;
        var answerText = (final ? finalAnswer : null) ?? (stepVerdict == Verdict.Correct ? stepAnswer : null)
            ?? (nodeVerdict == Verdict.Correct ? nodeAnswer : null) ?? stepAnswer ?? nodeAnswer ?? reading.Answer?.Text;
        result = result with
        {
            // An expression question is answered by the expression, not by a number inside it ("2" of "2(x + 3)").
            Answer = (node?.Expected ?? stepSpec) is ExpressionAnswer ? null : result.Answer,
            NodeVerdict = nodeVerdict,
            StepVerdict = stepVerdict,
            StatesFinalAnswer = final,
            StatedSteps = stated,
            AnswerText = answerText,
            MisconceptionKey = correct || stated.Count > 0 ? null : MatchMisconception(step, reading, text),
        };

        var answered = reading.AnswerValues.Count > 0 || reading.Hedged
            || nodeVerdict == Verdict.Wrong || stepVerdict == Verdict.Wrong;
        if (correct || stated.Count > 0)
        {
            return result with { Intent = MessageIntent.AnswerAttempt };
        }
        var openQuestion = state.PendingMisconception is not null || (node is not null && node.Expected is null && node.Parent is not null);
        if (answered)
        {
            var intermediate = !reading.Hedged && reading.AnswerValues.Count > 0
                && reading.AnswerValues.All(value => IsIntermediate(tree, state, step, value));
            // Replying to an open question with the problem's own numbers ("each pen costs 3") is an explanation, not an answer.
            var explaining = openQuestion && !reading.Hedged && reading.AnswerValues.Count > 0
                && reading.AnswerValues.All(value => IsGiven(tree, value));
            return result with
            {
                Intent = intermediate || explaining ? MessageIntent.PartialReasoning : MessageIntent.AnswerAttempt,
                IsIntermediateValue = intermediate,
            };
        }
        return result with { Intent = ClassifyWithoutAnswer(text, reading, openQuestion) };
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

    /// <summary>Compares the message with a spec. <paramref name="answer"/> is what was judged, as the student wrote it.</summary>
    private static Verdict Judge(AnswerSpec? spec, MessageReading reading, IReadOnlyList<string> candidates, out string? answer)
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
                    // Every non-empty text is "understood" as a text answer, so only a match says anything.
                    if (JudgeText(words, candidates, understoodIsAnswer: false, out answer) == Verdict.Correct || SameNumbers(words, reading))
                    {
                        answer ??= candidates[0];
                        return Verdict.Correct;
                    }
                    answer = reading.Answer?.Text;
                    return reading.AnswerValues.Count > 0 || reading.Hedged ? Verdict.Wrong : Verdict.NotAnswered;
                }
            default:
                {
                    foreach (var value in reading.AnswerValues)
                    {
                        if (Matches(spec, value))
                        {
                            answer = value.Text;
                            return Verdict.Correct;
                        }
                    }
                    answer = reading.Hedged ? null : reading.Answer?.Text;
                    return reading.AnswerValues.Count > 0 || (reading.Hedged && reading.Stated.Count > 0) ? Verdict.Wrong : Verdict.NotAnswered;
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
    /// The unresolved steps whose values the message states. Each number resolves at most one step (the current one
    /// first, then in dependency order), and a number the problem statement gives does not resolve another step: restating
    /// "2 pizzas" is not working anything out.
    /// </summary>
    private static List<string> StatedSteps(ProblemTree tree, DialogueState state, BankStep? target, Verdict targetVerdict,
        MessageReading reading, IReadOnlyList<string> candidates)
    {
        var stated = new List<string>();
        if (target is not null && targetVerdict == Verdict.Correct)
        {
            stated.Add(target.Key);
        }
        var used = new HashSet<NumberMention>(target is not null && targetVerdict == Verdict.Correct
            ? reading.AnswerValues.Where(v => target.Expected is not null && Matches(target.Expected, v))
            : []);
        foreach (var step in tree.StepsInOrder)
        {
            if (step == target || step.Expected is null || state.ResolvedSteps.Contains(step.Key))
            {
                continue;
            }
            if (step.Expected is ExpressionAnswer expression)
            {
                if (JudgeText(expression, candidates, understoodIsAnswer: false, out _) == Verdict.Correct)
                {
                    stated.Add(step.Key);
                }
                continue;
            }
            var value = reading.AnswerValues.FirstOrDefault(v => !used.Contains(v) && !IsGiven(tree, v) && Matches(step.Expected, v));
            if (value is not null)
            {
                used.Add(value);
                stated.Add(step.Key);
            }
        }
        return stated;
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

    private static string? MatchMisconception(BankStep? step, MessageReading reading, string text)
    {
        if (step is null)
        {
            return null;
        }
        var values = reading.Hedged ? reading.Stated : reading.AnswerValues;
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
