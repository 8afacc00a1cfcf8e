using System.Collections.Immutable;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Tutoring.Planning;

/// <summary>
/// Chooses the tutor's next move from the question tree (TreeInstruct): one target step at a time in dependency order;
/// after a wrong answer a sibling question (for the misconception shown, after that misconception's focusing hint; else a
/// wrong-answer question; below the root the question's own hint, then the misconception's remediation question); after a
/// right sub-answer back up to the parent question; after right but incomplete reasoning a deeper question; after repeated
/// failure at one level a short teaching move, then the question again. Mastered skills are asked at step level; weak
/// skills go straight to the finest question. Where a focusing hint comes before a probing question it is because on
/// MathDial a wrong value is corrected after 35% of focus turns but 21% of probing ones (SimulatorParameters.MathDialDev).
/// </summary>
internal sealed class QuestionTreePlanner
{
    private const int MaxTreeDepth = 64;

    /// <summary>The state for a new dialogue, and the opening question.</summary>
    public Plan Start(ProblemTree tree, IReadOnlyDictionary<string, double> mastery, TutoringPolicy policy)
    {
        var state = new DialogueState { ProblemVersion = tree.Version.Number };
        var (opened, move) = OpenStep(tree, state, FirstUnresolved(tree, state), mastery, policy, Acknowledgement.Opening, null);
        return new Plan(opened, [move], []);
    }

    /// <summary>
    /// Makes a stored state fit the problem: a current step that no longer exists or is already resolved, or a node of
    /// another step, is replaced by the first unresolved step and its root. Content can change under a stored dialogue.
    /// </summary>
    public DialogueState Repair(ProblemTree tree, DialogueState state, List<string> notes)
    {
        if (state.Solved)
        {
            return state;
        }
        var step = tree.Step(state.CurrentStepKey);
        var target = FirstUnresolved(tree, state);
        if ((state.CurrentStepKey is not null && (step is null || state.ResolvedSteps.Contains(step.Key)))
            || (state.CurrentStepKey is null && target is not null))
        {
            notes.Add($"state repaired: current step \"{state.CurrentStepKey}\" replaced by \"{target?.Key}\"");
            return state with { CurrentStepKey = target?.Key, CurrentNodeKey = tree.Root(target?.Key)?.Key, PendingMisconception = null };
        }
        if (state.CurrentNodeKey is not null && tree.Node(state.CurrentNodeKey)?.Step != state.CurrentStepKey)
        {
            notes.Add($"state repaired: node \"{state.CurrentNodeKey}\" is not in step \"{state.CurrentStepKey}\"");
            return state with { CurrentNodeKey = tree.Root(state.CurrentStepKey)?.Key, PendingMisconception = null };
        }
        return state;
    }

    public Plan Respond(ProblemTree tree, DialogueState before, MessageEvaluation evaluation,
        IReadOnlyDictionary<string, double> mastery, TutoringPolicy policy)
    {
        var notes = new List<string>();
        var turn = new Turn(this, tree, before with { TurnCount = before.TurnCount + 1, PendingMisconception = null },
            before.PendingMisconception, evaluation, mastery, policy, notes);
        turn.Decide();
        var moves = turn.Moves;
        if (moves.Count > 0 && PreciseAcknowledgement(tree, evaluation, moves[0]) is { } precise)
        {
            moves[0] = precise;
        }
        return new Plan(turn.State, moves, notes);
    }

    /// <summary>
    /// Replaces a general acknowledgement ("Not quite.", "Good start.") with one that says exactly what the student's
    /// number or working is, so that nothing wrong is ever affirmed and nothing right is called wrong: another step's value
    /// is named as that quantity, a wrong unit or a wrong working line is pointed at, a whole-answer claim is declined.
    /// </summary>
    private static PlannedMove? PreciseAcknowledgement(ProblemTree tree, MessageEvaluation evaluation, PlannedMove move)
    {
        if (move.Acknowledgement is not (Acknowledgement.Wrong or Acknowledgement.Partial or Acknowledgement.OpenReply) || evaluation.IsCorrect)
        {
            return null;
        }
        if (evaluation.WrongLine is { } line)
        {
            var written = line.Written.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
            return move with { Acknowledgement = Acknowledgement.WrongLine, AcknowledgedValue = $"{line.Calculation} = {written}" };
        }
        if (evaluation.Referent == AnswerReferent.OtherStep && evaluation.ReferentStepKey is { } other)
        {
            return move with { Acknowledgement = Acknowledgement.OtherQuantity, AcknowledgedValue = evaluation.Answer?.Text, AcknowledgedStepKey = other };
        }
        if (evaluation.WrongQuantity)
        {
            return move with { Acknowledgement = Acknowledgement.WrongQuantity, AcknowledgedValue = null };
        }
        if (evaluation.ClaimsWholeAnswer && evaluation.Answer is not null)
        {
            return move with { Acknowledgement = Acknowledgement.NotWholeAnswer, AcknowledgedValue = null };
        }
        if (move.Acknowledgement == Acknowledgement.Partial)
        {
            if (evaluation.Working.Count > 0 && WorkingIsRight(tree, evaluation))
            {
                return move with { Acknowledgement = Acknowledgement.RightWorking };
            }
            if (evaluation.CalculationValue is not null && !WorkingIsRight(tree, evaluation))
            {
                return move with { Acknowledgement = Acknowledgement.CheckCalculation };
            }
        }
        return null;
    }

    /// <summary>The message's working is right: its lines hold, or its bare calculation gives a value the problem needs.</summary>
    private static bool WorkingIsRight(ProblemTree tree, MessageEvaluation evaluation) =>
        (evaluation.Working.Count > 0 && evaluation.Working.All(l => l.IsRight && l.Computed is not null))
        || (evaluation.CalculationValue is { } value && (tree.StepsInOrder.Any(s => s.Expected is not null && MessageEvaluator.MatchesValue(s.Expected, value))
            || (tree.Node(evaluation.NodeKey)?.Expected is { } asked && MessageEvaluator.MatchesValue(asked, value))));

    /// <summary>
    /// The first step, in dependency order, whose value the student has not stated; null when all are resolved. A step with
    /// no expected value (an unfinished draft) is skipped: no answer could ever resolve it.
    /// </summary>
    public static BankStep? FirstUnresolved(ProblemTree tree, DialogueState state) =>
        tree.StepsInOrder.FirstOrDefault(s => s.Expected is not null && !state.ResolvedSteps.Contains(s.Key));

    /// <summary>The first question for a step: its prompt when every skill is mastered (or it has no tree), else its root.</summary>
    private (DialogueState, PlannedMove) OpenStep(ProblemTree tree, DialogueState state, BankStep? step,
        IReadOnlyDictionary<string, double> mastery, TutoringPolicy policy, Acknowledgement acknowledgement, string? value)
    {
        if (step is null)
        {
            return (state with { CurrentStepKey = null, CurrentNodeKey = null },
                new PlannedMove(TurnKind.Question, TeacherMove.Focus, SubMoves.SeekStrategy, null, null,
                    Acknowledgement: acknowledgement, AcknowledgedValue: value));
        }
        var root = tree.Root(step.Key);
        if (root is null || IsMastered(step, mastery, policy) || policy.Strategy != TutoringStrategy.Adaptive)
        {
            return (state with { CurrentStepKey = step.Key, CurrentNodeKey = null },
                new PlannedMove(TurnKind.Question, TeacherMove.Focus, SubMoves.SeekStrategy, step.Key, null,
                    Acknowledgement: acknowledgement, AcknowledgedValue: value));
        }
        return Ask(state, root, acknowledgement, value);
    }

    private static (DialogueState, PlannedMove) Ask(DialogueState state, BankQuestionNode node, Acknowledgement acknowledgement,
        string? value = null, TurnKind kind = TurnKind.Question)
    {
        var move = ProblemTree.MoveOf(node, TeacherMove.Focus);
        var subMove = string.IsNullOrWhiteSpace(node.SubMove) ? DefaultSubMove(move) : node.SubMove;
        return (state with
        {
            CurrentStepKey = node.Step,
            CurrentNodeKey = node.Key,
            NodeVisits = Increment(state.NodeVisits, node.Key),
        }, new PlannedMove(kind, move, subMove, node.Step, node.Key, Acknowledgement: acknowledgement, AcknowledgedValue: value));
    }

    private static string DefaultSubMove(TeacherMove move) => move switch
    {
        TeacherMove.Probing => SubMoves.SelfCorrection,
        TeacherMove.Telling => SubMoves.RevealingStrategy,
        TeacherMove.Generic => SubMoves.GeneralInquiry,
        _ => SubMoves.GuidingFocus,
    };

    private static bool IsMastered(BankStep step, IReadOnlyDictionary<string, double> mastery, TutoringPolicy policy) =>
        step.Skills is { Count: > 0 } skills && skills.All(s => mastery.TryGetValue(s, out var p) && p >= policy.MasteredThreshold);

    /// <summary>Weak when any of the step's skills is known to be below the threshold; an unknown skill is neither.</summary>
    private static bool IsWeak(BankStep? step, IReadOnlyDictionary<string, double> mastery, TutoringPolicy policy) =>
        step?.Skills is { Count: > 0 } skills && skills.Any(s => mastery.TryGetValue(s, out var p) && p < policy.WeakThreshold);

    internal static ImmutableSortedDictionary<string, int> Increment(ImmutableSortedDictionary<string, int> counts, string key, int by = 1) =>
        counts.SetItem(key, counts.GetValueOrDefault(key) + by);

    /// <summary>The decision for one student message, with the state it builds up.</summary>
    private sealed class Turn(
        QuestionTreePlanner planner,
        ProblemTree tree,
        DialogueState state,
        string? pendingMisconception,
        MessageEvaluation evaluation,
        IReadOnlyDictionary<string, double> mastery,
        TutoringPolicy policy,
        List<string> notes)
    {
        private readonly BankStep? _step = tree.Step(state.CurrentStepKey);
        private readonly BankQuestionNode? _node = tree.Node(state.CurrentNodeKey);

        public DialogueState State { get; private set; } = state;

        public List<PlannedMove> Moves { get; } = [];

        private string StepKey => _step?.Key ?? DialogueState.FinalAnswerKey;

        private BankQuestionNode? Root => tree.Root(_step?.Key);

        public void Decide()
        {
            if (State.Solved)
            {
                Moves.Add(new PlannedMove(TurnKind.Closing, TeacherMove.Generic, SubMoves.Greeting, null, null,
                    Acknowledgement: Acknowledgement.AlreadySolved));
                return;
            }
            switch (evaluation.Intent)
            {
                case MessageIntent.RevealAttempt:
                    ReAsk(TurnKind.Refusal, TeacherMove.Focus, SubMoves.GuidingFocus, Acknowledgement.RevealAttempt);
                    break;
                case MessageIntent.AsksForAnswer:
                    ReAsk(TurnKind.Refusal, TeacherMove.Focus, SubMoves.GuidingFocus, Acknowledgement.AnswerRequest);
                    break;
                case MessageIntent.Greeting:
                    ReAsk(TurnKind.Redirect, TeacherMove.Generic, SubMoves.Greeting, Acknowledgement.Greeting);
                    break;
                case MessageIntent.OffTopic:
                    ReAsk(TurnKind.Redirect, TeacherMove.Generic, SubMoves.GeneralInquiry, Acknowledgement.OffTopic);
                    break;
                case MessageIntent.DontKnow:
                case MessageIntent.AsksForHint:
                    HintOrDescend();
                    break;
                case MessageIntent.AsksQuestion:
                    AnswerQuestion();
                    break;
                default:
                    RespondToAnswer();
                    break;
            }
        }

        private void RespondToAnswer()
        {
            if (evaluation.Intent == MessageIntent.AnswerAttempt)
            {
                State = State with { NodeAttempts = Increment(State.NodeAttempts, _node?.Key ?? StepKey) };
            }
            if (evaluation.StatesFinalAnswer)
            {
                var skipped = tree.StepsInOrder.Select(s => s.Key)
                    .Where(k => !State.ResolvedSteps.Contains(k) && !evaluation.StatedSteps.Contains(k));
                State = State with
                {
                    Solved = true,
                    ResolvedSteps = State.ResolvedSteps.Union(tree.StepsInOrder.Select(s => s.Key)),
                    SkippedSteps = State.SkippedSteps.Union(skipped),
                    CurrentStepKey = null,
                    CurrentNodeKey = null,
                };
                notes.Add("the final answer was stated: solved");
                Moves.Add(new PlannedMove(TurnKind.Closing, TeacherMove.Generic, SubMoves.Greeting, null, null,
                    Acknowledgement: Acknowledgement.StepResolved, AcknowledgedValue: evaluation.AnswerText));
                return;
            }

            var resolved = Resolve(evaluation.StatedSteps);
            if (resolved.Count > 0 && FirstUnresolved(tree, State) is null && FinalAmongCredited())
            {
                // The last step's value is the answer to the whole problem: asking for it again would be a needless turn.
                State = State with { Solved = true, CurrentStepKey = null, CurrentNodeKey = null };
                notes.Add("every step resolved, the last one with the final answer: solved");
                Moves.Add(new PlannedMove(TurnKind.Closing, TeacherMove.Generic, SubMoves.Greeting, null, null,
                    Acknowledgement: Acknowledgement.StepResolved, AcknowledgedValue: tree.Version.FinalAnswer.Display()));
                return;
            }
            if (_step is not null && resolved.Contains(_step.Key))
            {
                var next = FirstUnresolved(tree, State);
                notes.Add($"step {_step.Key} resolved; next: {next?.Key ?? "the final answer"}");
                // Affirm the value only when it was the answer offered to this question; a step done by a working line (or
                // implied by a later one) gets a word about the working, never "yes, <some other number> is correct".
                if (evaluation.StepVerdict == Verdict.Correct && evaluation.ClaimsWholeAnswer)
                {
                    // The student thinks this part is the whole answer (MathDial students often stop one step early).
                    Open(next, Acknowledgement.PartNotWhole, evaluation.AnswerText);
                    Moves[^1] = Moves[^1] with { AcknowledgedStepKey = _step.Key };
                }
                else if (evaluation.StepVerdict == Verdict.Correct)
                {
                    Open(next, Acknowledgement.StepResolved, evaluation.AnswerText);
                }
                else
                {
                    Open(next, EndsWrong() ? Acknowledgement.MixedWorking : Acknowledgement.RightWorking, null);
                }
                return;
            }
            if (resolved.Count > 0)
            {
                notes.Add($"resolved ahead of the current step: {string.Join(", ", resolved)}");
                ReAsk(TurnKind.Question, CurrentMove(), CurrentSubMove(), EndsWrong() ? Acknowledgement.MixedWorking : Acknowledgement.OtherStepResolved);
                return;
            }

            var wrong = evaluation.IsWrongAnswer;
            if (wrong)
            {
                State = State with { FailedAttempts = Increment(State.FailedAttempts, StepKey) };
            }

            // An open question (no expected answer) or a remediation question has been answered: back to the question it served.
            if (pendingMisconception is not null && !wrong)
            {
                ReAsk(TurnKind.Question, CurrentMove(), CurrentSubMove(), Acknowledgement.OpenReply);
                return;
            }
            if (_node is { Expected: null, Parent: not null } && tree.Parent(_node) is { } served)
            {
                // An open rung of the wrong-answer ladder ("what is this step about?") leads to the next rung, not back to
                // the question that was failed: each failure gives away a little more, never the same question again.
                var nextRung = policy.Strategy != TutoringStrategy.Adaptive || !ProblemTree.Is(_node, NodeTrigger.WrongAnswer) ? null
                    : tree.Children(_node.Key).FirstOrDefault(n => ProblemTree.Is(n, NodeTrigger.WrongAnswer) && State.NodeVisits.GetValueOrDefault(n.Key) == 0);
                var acknowledgement = wrong || evaluation.MisconceptionKey is not null ? Acknowledgement.Wrong : Acknowledgement.OpenReply;
                AskNode(nextRung ?? served, acknowledgement);
                return;
            }

            if (evaluation.NodeVerdict == Verdict.Correct && _node is not null)
            {
                // Right for the sub-question, but the step is not done: back up to the question it was helping with. The rungs
                // of the wrong-answer ladder above it were passed on the way down, so they are not asked again.
                var parent = QuestionServed(_node);
                if (parent is not null)
                {
                    AskNode(parent, evaluation.ClaimsWholeAnswer ? Acknowledgement.NotWholeAnswer : Acknowledgement.SubAnswerRight, evaluation.AnswerText);
                }
                else
                {
                    Open(_step, Acknowledgement.SubAnswerRight, evaluation.AnswerText, stepLevel: true);
                }
                return;
            }

            if (evaluation.Intent == MessageIntent.PartialReasoning)
            {
                if (evaluation.MisconceptionKey is not null)
                {
                    WrongAnswer(countFailure: false);
                    return;
                }
                if (evaluation.CalculationValue is not null && WorkingIsRight(tree, evaluation))
                {
                    // "10% of 90": the student has said how; what is missing is the result.
                    ReAsk(TurnKind.Question, CurrentMove(), CurrentSubMove(), Acknowledgement.RightCalculation);
                    return;
                }
                // "How did you get it?" follows right but incomplete work; reasoning that may be wrong is not praised that way.
                var deeper = policy.Strategy != TutoringStrategy.Adaptive || !WorkingIsRight(tree, evaluation) ? null
                    : LeastVisited(tree.Children((_node ?? Root)?.Key).Where(n => ProblemTree.Is(n, NodeTrigger.Incomplete)));
                if (deeper is not null)
                {
                    AskNode(deeper, Acknowledgement.Partial);
                }
                else
                {
                    ReAsk(TurnKind.Question, CurrentMove(), CurrentSubMove(), Acknowledgement.Partial);
                }
                return;
            }
            WrongAnswer(countFailure: true);
        }

        /// <summary>A step this message produced has the final answer's value.</summary>
        private bool FinalAmongCredited() =>
            evaluation.WrongLine is null
            && (evaluation.Answer is null || MessageEvaluator.Matches(tree.Version.FinalAnswer, evaluation.Answer))
            && evaluation.StatedSteps.Any(key => tree.Step(key)?.Expected is { } spec
                && spec.RevealingNumbers().Order().SequenceEqual(tree.Version.FinalAnswer.RevealingNumbers().Order()));

        /// <summary>The nearest ancestor that is the root or a real sub-goal (not a rung of the wrong-answer ladder).</summary>
        private BankQuestionNode? QuestionServed(BankQuestionNode node)
        {
            var current = tree.Parent(node);
            for (var depth = 0; current is not null && depth < MaxTreeDepth && !tree.IsRoot(current) && ProblemTree.Is(current, NodeTrigger.WrongAnswer); depth++)
            {
                current = tree.Parent(current);
            }
            return current;
        }

        /// <summary>The message ends with an answer that is right for nothing asked, or has a wrong working line.</summary>
        private bool EndsWrong() =>
            evaluation.WrongLine is not null
            || (evaluation.Answer is not null && evaluation.Referent is not (AnswerReferent.AskedQuantity or AnswerReferent.FinalAnswer or AnswerReferent.None)
                && !evaluation.StatedSteps.Any(key => tree.Step(key)?.Expected is { } spec && MessageEvaluator.Matches(spec, evaluation.Answer)));

        private void WrongAnswer(bool countFailure)
        {
            if (policy.Strategy != TutoringStrategy.Adaptive)
            {
                NonAdaptiveHelp(Acknowledgement.Wrong);
                return;
            }
            var level = DialogueState.LevelKey(_step?.Key, tree.Depth(_node));
            var failures = State.LevelFailures.GetValueOrDefault(level) + (countFailure ? 1 : 0);
            State = State with { LevelFailures = State.LevelFailures.SetItem(level, failures) };
            var lowerRung = LeastVisited(tree.Children((_node ?? Root)?.Key)
                .Where(n => ProblemTree.Is(n, NodeTrigger.WrongAnswer) && State.NodeVisits.GetValueOrDefault(n.Key) == 0));
            if (failures >= Math.Max(1, policy.FailuresBeforeTeaching) && lowerRung is null)
            {
                notes.Add($"{failures} failed attempts at level {level}: teaching move");
                State = State with { LevelFailures = State.LevelFailures.SetItem(level, 0) };
                Teach(Acknowledgement.Wrong);
                return;
            }

            var anchor = _node ?? Root;
            var children = tree.Children(anchor?.Key);
            var misconception = evaluation.MisconceptionKey;
            if (misconception is not null
                && (children.FirstOrDefault(n => IsFor(n, misconception)) ?? tree.Children(Root?.Key).FirstOrDefault(n => n != _node && IsFor(n, misconception)))
                    is { } aimed)
            {
                // First point at the mistake with the misconception's own hint and ask the same question again; its
                // self-correction question comes if the mistake outlasts the teaching move.
                if (failures == 1 && NextHint(aimed) is { IsBottomOut: false } pointer)
                {
                    notes.Add($"misconception {misconception}: hint from node {aimed.Key}");
                    GiveHint(aimed, pointer, Acknowledgement.Wrong);
                    return;
                }
                notes.Add($"misconception {misconception}: node {aimed.Key}");
                AskNode(aimed, Acknowledgement.Wrong);
                return;
            }
            if (IsWeak(_step, mastery, policy) && (anchor is null || tree.IsRoot(anchor)) && Root is { } root && Finest(root) is var finest && finest != root)
            {
                notes.Add($"weak skill: finest question {finest.Key}");
                AskNode(finest, Acknowledgement.Wrong);
                return;
            }
            // The first failure at the step's own question gets a focusing hint with the question again: on MathDial a
            // wrong value is corrected after 35% of focusing turns, and the ladder below costs turns. Later failures go down it.
            if (failures == 1 && misconception is null && anchor is not null && tree.IsRoot(anchor) && NextHint(anchor) is { IsBottomOut: false } focusing)
            {
                GiveHint(anchor, focusing, Acknowledgement.Wrong);
                return;
            }
            var sibling = LeastVisited(children.Where(n => ProblemTree.Is(n, NodeTrigger.WrongAnswer)));
            if (sibling is not null)
            {
                AskNode(sibling, Acknowledgement.Wrong);
                return;
            }
            // Below the root a failed question first gets its focusing hint, then the misconception's remediation question
            // unless that is the question just asked: the same words twice in a row are no new help.
            var belowRoot = anchor is not null && !tree.IsRoot(anchor);
            var hint = NextHint(anchor) is { IsBottomOut: false } gentle ? gentle : null;
            if (belowRoot && hint is not null)
            {
                GiveHint(anchor!, hint, Acknowledgement.Wrong);
                return;
            }
            var remediation = misconception is null ? null : _step?.Misconceptions?.FirstOrDefault(m => m?.Key == misconception)?.RemediationQuestion;
            if (!string.IsNullOrWhiteSpace(remediation) && !string.Equals(remediation.Trim(), _node?.Text.Trim(), StringComparison.Ordinal))
            {
                notes.Add($"misconception {misconception}: remediation question");
                State = State with { PendingMisconception = misconception };
                Moves.Add(new PlannedMove(TurnKind.Remediation, TeacherMove.Probing, SubMoves.SelfCorrection, _step?.Key, _node?.Key,
                    Text: remediation, Acknowledgement: Acknowledgement.Wrong));
                return;
            }
            if (hint is not null)
            {
                GiveHint(anchor!, hint, Acknowledgement.Wrong);
                return;
            }
            ReAsk(TurnKind.Question, TeacherMove.Probing, SubMoves.SelfCorrection, Acknowledgement.Wrong);
        }

        private void HintOrDescend()
        {
            if (policy.Strategy != TutoringStrategy.Adaptive)
            {
                NonAdaptiveHelp(Acknowledgement.None);
                return;
            }
            var slot = _node ?? Root;
            if (NextHint(slot) is { } hint)
            {
                if (!hint.IsBottomOut)
                {
                    GiveHint(slot!, hint, Acknowledgement.None);
                    return;
                }
                if (BottomOutAllowed())
                {
                    notes.Add($"bottom-out hint allowed after {State.FailedAttempts.GetValueOrDefault(StepKey)} failed attempts");
                    State = State with { HintsUsed = Increment(State.HintsUsed, slot!.Key) };
                    Moves.Add(new PlannedMove(TurnKind.BottomOutHint, TeacherMove.Telling, SubMoves.RevealingAnswer, _step?.Key, _node?.Key,
                        Text: hint.Text, SourceNodeKey: slot.Key, HintLevel: hint.Level, AsksAgain: true, AllowsReveal: true));
                    return;
                }
                notes.Add("bottom-out hint withheld by the policy");
            }
            var smaller = LeastVisited(tree.Children(slot?.Key).Where(n => ProblemTree.Is(n, NodeTrigger.WrongAnswer)));
            if (smaller is not null)
            {
                AskNode(smaller, Acknowledgement.Smaller);
                return;
            }
            Teach(Acknowledgement.None);
        }

        /// <summary>
        /// Answers a question about a word (its meaning, or the problem's sentence that uses it) or about why a step is done
        /// (the current question's first gentle hint, else the goal it serves), then asks the question again. Never a value:
        /// the realizer words it and the guard checks it like any other turn.
        /// </summary>
        private void AnswerQuestion()
        {
            var question = evaluation.Question;
            if (question?.Term is { } term)
            {
                notes.Add($"vocabulary question: {term}");
                Moves.Add(new PlannedMove(TurnKind.Explanation, TeacherMove.Focus, SubMoves.GuidingFocus, State.CurrentStepKey, State.CurrentNodeKey,
                    Text: Vocabulary.Explain(term, tree.Version.Statement ?? ""), Acknowledgement: Acknowledgement.Question, AsksAgain: true));
                return;
            }
            notes.Add("why question");
            var slot = _node ?? Root;
            var reason = (slot?.Hints ?? []).FirstOrDefault(h => h is { IsBottomOut: false } && !string.IsNullOrWhiteSpace(h.Text))?.Text.Trim()
                ?? $"The problem asks {QuantityReading.Describe(tree.FinalQuestion)}, and this part is one of the things you need on the way there.";
            Moves.Add(new PlannedMove(TurnKind.Explanation, TeacherMove.Telling, SubMoves.RevealingStrategy, State.CurrentStepKey, State.CurrentNodeKey,
                Text: reason, Acknowledgement: Acknowledgement.Question, SourceNodeKey: slot?.Key, AsksAgain: true));
        }

        /// <summary>
        /// The baselines' answer to a wrong answer or a request for help: the linear scaffold gives the step's next hint in
        /// its fixed order (never the bottom-out one) or asks again; the telling baseline explains and states the answer.
        /// </summary>
        private void NonAdaptiveHelp(Acknowledgement acknowledgement)
        {
            if (policy.Strategy == TutoringStrategy.Telling)
            {
                notes.Add("telling baseline: worked solution and final answer");
                Moves.Add(new PlannedMove(TurnKind.BottomOutHint, TeacherMove.Telling, SubMoves.RevealingAnswer, _step?.Key, _node?.Key,
                    Text: WorkedSolution(), Acknowledgement: acknowledgement, AllowsReveal: true));
                return;
            }
            if (NextHint(Root) is { IsBottomOut: false } hint)
            {
                GiveHint(Root!, hint, acknowledgement);
                return;
            }
            ReAsk(TurnKind.Question, TeacherMove.Focus, SubMoves.GuidingFocus, acknowledgement);
        }

        /// <summary>Every step still open, as its root's bottom-out hint says it (else its question and value), then the answer.</summary>
        private string WorkedSolution()
        {
            var lines = tree.StepsInOrder.Where(s => s.Expected is not null && !State.ResolvedSteps.Contains(s.Key)).Select(step =>
                tree.Root(step.Key)?.Hints?.LastOrDefault(h => h is { IsBottomOut: true } && !string.IsNullOrWhiteSpace(h.Text))?.Text.Trim()
                    ?? $"{step.Prompt.Trim()} It is {step.Expected!.Display()}.");
            return $"Here is how to solve it. {string.Join(" ", lines)} So the answer is {tree.Version.FinalAnswer.Display()}. "
                + "Can you tell me the answer in your own words?";
        }

        private void GiveHint(BankQuestionNode slot, Hint hint, Acknowledgement acknowledgement)
        {
            State = State with { HintsUsed = Increment(State.HintsUsed, slot.Key) };
            Moves.Add(new PlannedMove(TurnKind.Hint, TeacherMove.Focus, SubMoves.GuidingFocus, _step?.Key, _node?.Key,
                Text: hint.Text, Acknowledgement: acknowledgement, SourceNodeKey: slot.Key, HintLevel: hint.Level, AsksAgain: true));
        }

        /// <summary>
        /// A short teaching move: an unused telling node of the step when there is one, else the strategy in the hints'
        /// non-bottom-out levels; then the question again. Never the value: the guard checks the words.
        /// </summary>
        private void Teach(Acknowledgement acknowledgement)
        {
            var telling = _step is null ? null : tree.NodesOf(_step.Key)
                .Where(n => n != _node && ProblemTree.MoveOf(n, TeacherMove.Focus) == TeacherMove.Telling && State.NodeVisits.GetValueOrDefault(n.Key) == 0)
                .OrderBy(tree.Depth).FirstOrDefault();
            var subMove = telling is null || string.IsNullOrWhiteSpace(telling.SubMove) ? SubMoves.RevealingStrategy : telling.SubMove;
            if (telling is not null && telling.Text.Contains('?', StringComparison.Ordinal))
            {
                // The telling node explains and asks its own question: it becomes the question.
                var (asked, move) = Ask(State, telling, acknowledgement, kind: TurnKind.Teaching);
                State = asked;
                Moves.Add(move with { Move = TeacherMove.Telling, SubMove = subMove });
                return;
            }
            if (telling is not null)
            {
                State = State with { NodeVisits = Increment(State.NodeVisits, telling.Key) };
                Moves.Add(new PlannedMove(TurnKind.Teaching, TeacherMove.Telling, subMove, _step?.Key, telling.Key,
                    Text: telling.Text, Acknowledgement: acknowledgement, SourceNodeKey: telling.Key));
            }
            else
            {
                Moves.Add(new PlannedMove(TurnKind.Teaching, TeacherMove.Telling, SubMoves.RevealingStrategy, _step?.Key, _node?.Key,
                    Text: StrategyText(), Acknowledgement: acknowledgement, SourceNodeKey: (_node ?? Root)?.Key));
            }
            ReAsk(TurnKind.Question, CurrentMove(), CurrentSubMove(), Acknowledgement.None);
        }

        /// <summary>The strategy as the authors' own non-bottom-out hints say it; null for the realizer's generic sentence.</summary>
        private string? StrategyText()
        {
            var hints = (_node?.Hints ?? []).Concat(_node == Root ? [] : Root?.Hints ?? [])
                .Where(h => h is not null && !h.IsBottomOut && !string.IsNullOrWhiteSpace(h.Text))
                .Select(h => h.Text.Trim()).Distinct(StringComparer.Ordinal).Take(2).ToList();
            return hints.Count == 0 ? null : string.Join(" ", hints);
        }

        private Hint? NextHint(BankQuestionNode? slot)
        {
            if (slot?.Hints is not { Count: > 0 } hints)
            {
                return null;
            }
            var used = State.HintsUsed.GetValueOrDefault(slot.Key);
            return used < hints.Count ? hints[used] : null;
        }

        private bool BottomOutAllowed() =>
            policy.BottomOutAfterFailedAttempts is { } needed && State.FailedAttempts.GetValueOrDefault(StepKey) >= needed;

        private List<string> Resolve(IReadOnlyList<string> stated)
        {
            var resolved = new List<string>();
            var implied = new List<string>();
            foreach (var key in stated)
            {
                // A later step's right working needs the steps it uses: they are done, but the student did not show them,
                // so they are skipped rather than credited.
                foreach (var step in tree.DependenciesOf(key).Append(key))
                {
                    if (!State.ResolvedSteps.Contains(step) && !resolved.Contains(step))
                    {
                        resolved.Add(step);
                        if (!stated.Contains(step))
                        {
                            implied.Add(step);
                        }
                    }
                }
            }
            if (resolved.Count > 0)
            {
                State = State with { ResolvedSteps = State.ResolvedSteps.Union(resolved), SkippedSteps = State.SkippedSteps.Union(implied) };
            }
            return resolved;
        }

        private void Open(BankStep? step, Acknowledgement acknowledgement, string? value, bool stepLevel = false)
        {
            if (stepLevel && step is not null)
            {
                State = State with { CurrentStepKey = step.Key, CurrentNodeKey = null };
                Moves.Add(new PlannedMove(TurnKind.Question, TeacherMove.Focus, SubMoves.SeekStrategy, step.Key, null,
                    Acknowledgement: acknowledgement, AcknowledgedValue: value));
                return;
            }
            var (opened, move) = planner.OpenStep(tree, State, step, mastery, policy, acknowledgement, value);
            State = opened;
            Moves.Add(move);
        }

        private void AskNode(BankQuestionNode node, Acknowledgement acknowledgement, string? value = null)
        {
            var (asked, move) = Ask(State, node, acknowledgement, value);
            State = asked;
            Moves.Add(move);
        }

        /// <summary>The current question again, under another move (a refusal, a redirect, after a hint).</summary>
        private void ReAsk(TurnKind kind, TeacherMove move, string subMove, Acknowledgement acknowledgement, string? value = null) =>
            Moves.Add(new PlannedMove(kind, move, subMove, State.CurrentStepKey, State.CurrentNodeKey,
                Acknowledgement: acknowledgement, AcknowledgedValue: value));

        /// <summary>The current question's own move; a re-asked telling node is a focusing question the second time.</summary>
        private TeacherMove CurrentMove() =>
            tree.Node(State.CurrentNodeKey) is { } node && ProblemTree.MoveOf(node, TeacherMove.Focus) is var move && move != TeacherMove.Telling
                ? move
                : TeacherMove.Focus;

        private string CurrentSubMove() =>
            tree.Node(State.CurrentNodeKey) is { } node && ProblemTree.MoveOf(node, TeacherMove.Focus) is not TeacherMove.Telling
                && !string.IsNullOrWhiteSpace(node.SubMove) ? node.SubMove : SubMoves.GuidingFocus;

        private BankQuestionNode? LeastVisited(IEnumerable<BankQuestionNode> nodes) =>
            nodes.Select((n, i) => (n, i)).OrderBy(p => State.NodeVisits.GetValueOrDefault(p.n.Key)).ThenBy(p => p.i)
                .Select(p => p.n).FirstOrDefault();

        private static bool IsFor(BankQuestionNode node, string misconception) =>
            ProblemTree.Is(node, NodeTrigger.Misconception) && node.Misconception == misconception;

        /// <summary>
        /// The finest question: down the chain of first wrong-answer children from the root to its end, skipping open rungs
        /// ("what is this step about?"). For a skill the student is known to be weak in, the end of the ladder (the Telling
        /// rung of a generated tree) is the first help: measured with the honest harness, stopping short of it lost 0.07
        /// success@5.
        /// </summary>
        private BankQuestionNode Finest(BankQuestionNode root)
        {
            var current = root;
            for (var depth = 0; depth < MaxTreeDepth; depth++)
            {
                var next = tree.Children(current.Key).FirstOrDefault(n => ProblemTree.Is(n, NodeTrigger.WrongAnswer));
                while (next is { Expected: null } && tree.Children(next.Key).FirstOrDefault(n => ProblemTree.Is(n, NodeTrigger.WrongAnswer)) is { } below)
                {
                    next = below;   // an open rung ("what is this step about?") is skipped on the way down
                }
                if (next is null)
                {
                    break;
                }
                current = next;
            }
            return current;
        }
    }
}
