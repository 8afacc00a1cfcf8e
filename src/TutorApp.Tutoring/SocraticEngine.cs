using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring.Evaluation;
using TutorApp.Tutoring.Guarding;
using TutorApp.Tutoring.Planning;
using TutorApp.Tutoring.Realization;

namespace TutorApp.Tutoring;

/// <summary>
/// The offline Socratic tutor: one student message in, the tutor's turns out. Evaluate the message, plan the move from
/// the question tree, word it, and check every word against the leak guard. Pure logic: no I/O, no clock, no randomness;
/// thread-safe, so one instance can serve every dialogue.
/// </summary>
public sealed class SocraticEngine
{
    private readonly MessageEvaluator _evaluator = new();
    private readonly QuestionTreePlanner _planner = new();
    private readonly LeakGuard _guard = new();
    private readonly Realizer _realizer;

    public SocraticEngine() => _realizer = new Realizer(_guard);

    /// <summary>The opening question and the state to store with it.</summary>
    /// <param name="mastery">Probability of mastery per skill name; skills not listed count as neither mastered nor weak.</param>
    public OpeningTurn Start(BankProblemVersion problem, IReadOnlyDictionary<string, double> mastery, TutoringPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var tree = ProblemTree.For(problem);
        var plan = _planner.Start(tree, mastery ?? new Dictionary<string, double>(), policy ?? TutoringPolicy.Default);
        var (turns, state) = Speak(tree, plan, []);
        return new OpeningTurn(turns[0], state);
    }

    /// <summary>Answers one student message. Never throws for anything the student types.</summary>
    public TurnOutcome Respond(BankProblemVersion problem, DialogueState state, string? message,
        IReadOnlyDictionary<string, double> mastery, TutoringPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(state);
        var tree = ProblemTree.For(problem);
        mastery ??= new Dictionary<string, double>();
        policy ??= TutoringPolicy.Default;

        var repairs = new List<string>();
        var before = _planner.Repair(tree, state, repairs);
        var evaluation = _evaluator.Evaluate(tree, before, message);
        var plan = _planner.Respond(tree, before, evaluation, mastery, policy);
        var notes = repairs.Concat(plan.Notes).ToList();
        if (evaluation.Failure is not null)
        {
            notes.Add("evaluation failed: " + evaluation.Failure);
        }
        var (turns, after) = Speak(tree, plan with { Notes = notes }, notes);
        return new TurnOutcome(evaluation, after, turns, Attempts(tree, before, after, evaluation));
    }

    /// <summary>Realizes each planned move and passes it through the leak guard.</summary>
    private (List<TutorTurn> Turns, DialogueState State) Speak(ProblemTree tree, Plan plan, IReadOnlyList<string> notes)
    {
        var state = plan.State;
        var protectedValues = LeakGuard.ProtectedValues(tree.Version, state);
        var turns = new List<TutorTurn>(plan.Moves.Count);
        for (var index = 0; index < plan.Moves.Count; index++)
        {
            var realized = _realizer.Realize(tree, plan.Moves[index], protectedValues, state.TurnCount + index,
                toldOnTheWay: state.TellingTurns > 0 || state.RevealedSteps.Count > 0);
            var move = realized.Plan;
            var diagnostics = new List<string>(index == 0 ? notes : []);
            var check = _guard.Check(realized.Text, protectedValues);
            var text = realized.Text;
            var teacherMove = move.Move;
            var subMove = move.SubMove;
            var guarded = false;
            if (move.AllowsReveal)
            {
                // The policy allows this bottom-out hint: it may state the value, and is labelled and flagged as a reveal.
                teacherMove = TeacherMove.Telling;
                subMove = SubMoves.RevealingAnswer;
                var revealed = check.Findings.Select(f => f.Source).Where(s => s != DialogueState.FinalAnswerKey);
                if (move.StepKey is not null)
                {
                    revealed = revealed.Append(move.StepKey);
                }
                state = state with { RevealedSteps = state.RevealedSteps.Union(revealed) };
                diagnostics.Add("bottom-out hint allowed by the policy" +
                    (check.Leaks ? ": reveals " + string.Join(", ", check.Findings.Select(f => $"{f.Found} ({f.Source})")) : ""));
            }
            else if (check.Leaks)
            {
                guarded = true;
                // The question on its own (without the hint or teaching text that leaked) is still specific help; the
                // generic safe question only when that leaks too, so a blocked plan does not loop on the same safe words.
                var plain = _realizer.Realize(tree, move with { Kind = TurnKind.Question, Text = null, Acknowledgement = Acknowledgement.None }, protectedValues, 0).Text;
                if (_guard.Check(plain, protectedValues).Leaks)
                {
                    // The node's own question gives the value away (an imported remediation question can): leave that node
                    // for the step's question, so the next turn does not plan the same blocked words again.
                    var stepQuestion = tree.Step(move.StepKey)?.Prompt.Trim();
                    var safe = stepQuestion is not null && !_guard.Check(stepQuestion, protectedValues).Leaks;
                    text = safe ? stepQuestion! : Realizer.SafeFocusingQuestion;
                    if (safe && state.CurrentNodeKey == move.NodeKey && move.NodeKey is not null)
                    {
                        state = state with { CurrentNodeKey = tree.Root(move.StepKey)?.Key is { } root && tree.Node(root)?.Text.Trim() == stepQuestion ? root : null };
                    }
                }
                else
                {
                    text = plain;
                }
                teacherMove = TeacherMove.Focus;
                subMove = SubMoves.GuidingFocus;
                diagnostics.Add($"leak guard blocked the {move.Kind} text{(move.NodeKey is null ? "" : " of " + move.NodeKey)}: it shows "
                    + string.Join(", ", check.Findings.Select(f => $"{f.Found} ({f.Source})")));
            }
            if (move.Kind != TurnKind.Closing && DialogueState.StableHash(text) == state.LastTurnHash)
            {
                // The same words twice in a row are no new help: put the question another way, with a gentle hint first.
                text = $"{AnotherWay(tree, move.NodeKey ?? move.SourceNodeKey, text)} {text}";
            }
            state = state with { LastTurnHash = DialogueState.StableHash(text) };
            if (teacherMove == TeacherMove.Telling)
            {
                state = state with { TellingTurns = state.TellingTurns + 1 };
            }
            turns.Add(new TutorTurn(text, teacherMove, subMove, move.Kind, move.StepKey, move.SourceNodeKey ?? move.NodeKey, move.HintLevel,
                move.AllowsReveal, guarded, diagnostics));
        }
        return (turns, state);
    }

    /// <summary>A gentle hint of the question (or its step's root) that the text does not already say, else the general strategy.</summary>
    private static string AnotherWay(ProblemTree tree, string? nodeKey, string text)
    {
        var node = tree.Node(nodeKey);
        var hints = (node?.Hints ?? []).Concat(tree.Root(node?.Step)?.Hints ?? [])
            .Where(h => h is { IsBottomOut: false } && !string.IsNullOrWhiteSpace(h.Text) && !text.Contains(h.Text.Trim(), StringComparison.Ordinal));
        return "Let me put it another way. " + (hints.FirstOrDefault()?.Text.Trim() ?? Realizer.GenericStrategy);
    }

    /// <summary>The step attempts to record: the step the answer was judged against, and every step it resolved.</summary>
    private static List<StepAttempt> Attempts(ProblemTree tree, DialogueState before, DialogueState after, MessageEvaluation evaluation)
    {
        var attempts = new List<StepAttempt>();
        if (evaluation.Intent != MessageIntent.AnswerAttempt || before.Solved)
        {
            return attempts;
        }
        var newlyResolved = after.ResolvedSteps.Except(before.ResolvedSteps).ToList();
        var skipped = after.SkippedSteps.Except(before.SkippedSteps).ToHashSet();
        if (evaluation.StatesFinalAnswer)
        {
            // The final answer is one attempt at the problem; the steps it jumped over were not done, so they are not credited.
            attempts.Add(new StepAttempt(null, null, true, true, tree.Version.Skills ?? [], 0, evaluation.AnswerText));
            foreach (var key in newlyResolved)
            {
                var resolved = tree.Step(key)!;
                attempts.Add(new StepAttempt(key, null, !skipped.Contains(key), true, resolved.Skills ?? [], HintsOn(tree, before, key),
                    evaluation.AnswerText, Skipped: skipped.Contains(key)));
            }
            return attempts;
        }
        if (tree.Step(evaluation.StepKey) is { } step)
        {
            var node = tree.Node(evaluation.NodeKey);
            var againstStep = node is null || tree.IsRoot(node) || newlyResolved.Contains(step.Key) || evaluation.StepVerdict == Verdict.Correct;
            var correct = againstStep ? newlyResolved.Contains(step.Key) && !skipped.Contains(step.Key) : evaluation.NodeVerdict == Verdict.Correct;
            attempts.Add(new StepAttempt(step.Key, againstStep ? null : node?.Key, correct, againstStep, step.Skills ?? [],
                HintsOn(tree, before, step.Key), evaluation.AnswerText, Skipped: againstStep && skipped.Contains(step.Key)));
        }
        else
        {
            attempts.Add(new StepAttempt(null, null, evaluation.StatesFinalAnswer, true, tree.Version.Skills ?? [], 0, evaluation.AnswerText));
        }
        foreach (var key in newlyResolved.Where(k => k != evaluation.StepKey))
        {
            var resolved = tree.Step(key)!;
            attempts.Add(new StepAttempt(key, null, !skipped.Contains(key), true, resolved.Skills ?? [], HintsOn(tree, before, key),
                evaluation.AnswerText, Skipped: skipped.Contains(key)));
        }
        return attempts;
    }

    private static int HintsOn(ProblemTree tree, DialogueState state, string stepKey) =>
        tree.NodesOf(stepKey).Sum(n => state.HintsUsed.GetValueOrDefault(n.Key));
}
