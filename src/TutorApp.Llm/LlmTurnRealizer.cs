using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TutorApp.Domain.Content;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Guarding;
using TutorApp.Tutoring.Realization;
using TutorApp.Tutoring.Validation;

namespace TutorApp.Llm;

/// <summary>
/// The LLM realizer: the engine plans the move (target step, move, misconception, authored wording) and the model only
/// words it. Every candidate must come back as the JSON asked for, carry the planned move label, pass the
/// <see cref="GeneratedTextGuard"/>, and, for a hint, teaching or remediation turn, help the simulated student
/// (<see cref="HintValidation"/>). A rejected candidate is regenerated up to <see cref="LlmOptions.MaxAttemptsPerTurn"/>
/// times; anything else (a failed call, no simulator, the turn budget spent) returns the engine's authored turn.
/// Only the words change: the state, the attempts and the move are the engine's.
/// </summary>
public sealed class LlmTurnRealizer(
    LlmChat tutor,
    HintValidator? validator,
    IOptions<LlmOptions> options,
    ILlmCallLog log,
    TimeProvider clock,
    ILogger<LlmTurnRealizer> logger) : ITurnRealizer
{
    private readonly GeneratedTextGuard _guard = new(new LeakGuard());

    public bool IsEnabled => true;

    public async Task<IReadOnlyList<TutorTurn>> RealizeAsync(RealizationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.TurnBudget);
        var turns = new List<TutorTurn>(request.Outcome.Turns.Count);
        foreach (var turn in request.Outcome.Turns)
        {
            turns.Add(IsWordedByModel(turn) ? await RealizeAsync(request, turn, budget) : turn);
        }
        return turns;
    }

    // Closings, allowed bottom-out hints and texts the leak guard already replaced keep their safe, authored words.
    private static bool IsWordedByModel(TutorTurn turn) =>
        turn.Kind != TurnKind.Closing && !turn.RevealedAnswer && !turn.GuardIntervened;

    private static bool NeedsValidation(TutorTurn turn) =>
        turn.StepKey is not null && turn.Kind is TurnKind.Hint or TurnKind.Teaching or TurnKind.Remediation;

    private async Task<TutorTurn> RealizeAsync(RealizationRequest request, TutorTurn turn, CancellationTokenSource budget)
    {
        var settings = options.Value;
        var validate = NeedsValidation(turn);
        if (validate && validator is null)
        {
            return Fallback(request, turn, ["no student simulator is configured, and hints are never shown unvalidated"]);
        }
        var protectedValues = LeakGuard.ProtectedValues(request.Problem, request.Outcome.State);
        var seenTexts = SeenTexts(request, turn);
        var misconception = Misconception(request);
        var simulation = new SimulatedStudentRequest(request.Problem, turn.StepKey ?? "", request.StudentMessage, null, 0);
        Task<int>? baseline = null;
        var reasons = new List<string>();
        string? feedback = null;
        for (var attempt = 1; attempt <= settings.MaxAttemptsPerTurn && !budget.IsCancellationRequested; attempt++)
        {
            var prompt = TutorPrompts.Turn(request, turn, misconception, settings.DialogueLines, feedback);
            var reply = await tutor.CompleteAsync(TutorPrompts.TutorInstructions, prompt, json: true, budget.Token);
            if (!reply.Succeeded)
            {
                Record(reply, request, "failed", reply.Failure);
                reasons.Add(reply.Failure!);
                break;
            }
            var (text, rejection) = Check(reply.Text, turn, protectedValues, seenTexts);
            if (rejection is not null)
            {
                Record(reply, request, "rejected", rejection);
                reasons.Add(rejection);
                feedback = Feedback(rejection);
                continue;
            }
            if (!validate)
            {
                Record(reply, request, "accepted", null);
                return Worded(turn, text!, $"worded by the LLM ({reply.Model}, attempt {attempt}, {reply.Latency.TotalMilliseconds:0} ms)");
            }
            HintValidation validation;
            try
            {
                baseline ??= validator!.SuccessesAsync(simulation, request.Outcome.State, budget.Token);
                var without = await baseline;
                var with = await validator!.SuccessesAsync(simulation with { Hint = text }, request.Outcome.State, budget.Token);
                validation = new HintValidation(validator.Samples, with, without);
            }
            catch (Exception exception) when (exception is StudentSimulatorException or OperationCanceledException)
            {
                var reason = budget.IsCancellationRequested && exception is OperationCanceledException
                    ? "the turn's time budget was spent during hint validation"
                    : "hint validation failed: " + exception.Message;
                Record(reply, request, "unvalidated", reason);
                reasons.Add(reason);
                break;
            }
            if (!validation.Kept)
            {
                Record(reply, request, "rejected", "simulator: " + validation);
                reasons.Add("simulator: " + validation);
                feedback = "the hint did not help a student who made this mistake; make it more specific to the step and the mistake";
                continue;
            }
            Record(reply, request, "accepted", "simulator: " + validation);
            return Worded(turn, text!, $"worded by the LLM ({reply.Model}, attempt {attempt}); hint {validation}");
        }
        if (budget.IsCancellationRequested && reasons.Count == 0)
        {
            reasons.Add("the turn's time budget was spent");
        }
        return Fallback(request, turn, reasons);
    }

    /// <summary>The candidate's text when it is the JSON asked for, with the planned move, and safe to show; else why not.</summary>
    private (string? Text, string? Rejection) Check(string? reply, TutorTurn turn, IReadOnlyList<ProtectedValue> protectedValues,
        IReadOnlyList<string> seenTexts)
    {
        var (root, error) = LlmReplyParser.Object(reply);
        if (root is not { } candidate)
        {
            return (null, error);
        }
        var move = LlmReplyParser.String(candidate, "move");
        var text = LlmReplyParser.String(candidate, "text")?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return (null, "malformed: no \"text\"");
        }
        if (!Enum.TryParse<TeacherMove>(move, ignoreCase: true, out var label) || label != turn.Move)
        {
            return (null, $"label: the move is \"{move}\", the plan's is \"{turn.Move}\"");
        }
        var check = _guard.Check(text, protectedValues, seenTexts);
        return check.Safe ? (text, null) : (null, "guard: " + check.Reason);
    }

    // Told to the model on the next attempt: what to avoid, without repeating what it leaked.
    private static string Feedback(string rejection) =>
        rejection.StartsWith("guard", StringComparison.Ordinal)
            ? "it revealed or hinted at a value the student has not found yet, or used a number or language it may not; use only the problem's numbers, in English"
            : rejection.StartsWith("label", StringComparison.Ordinal)
                ? "its move label did not match the plan's move"
                : "it was not the JSON object asked for";

    /// <summary>Numbers in these the student has seen: the statement, the authored wording, the dialogue, resolved values.</summary>
    private static List<string> SeenTexts(RealizationRequest request, TutorTurn turn)
    {
        var texts = new List<string> { request.Problem.Statement, turn.Text, request.StudentMessage };
        texts.AddRange(request.RecentDialogue.Select(line => line.Text));
        texts.AddRange(request.Problem.Steps
            .Where(s => request.Outcome.State.ResolvedSteps.Contains(s.Key) && s.Expected is not null)
            .Select(s => s.Expected!.Display()));
        return texts;
    }

    private static string? Misconception(RealizationRequest request)
    {
        var evaluation = request.Outcome.Evaluation;
        return request.Problem.Steps.FirstOrDefault(s => s.Key == evaluation.StepKey)?.Misconceptions
            .FirstOrDefault(m => m.Key == evaluation.MisconceptionKey)?.Description;
    }

    private void Record(LlmReply reply, RealizationRequest request, string outcome, string? detail) =>
        log.Record(reply.ToRecord(clock.GetUtcNow(), "turn", request.SessionId, outcome, detail));

    private static TutorTurn Worded(TutorTurn turn, string text, string diagnostic) =>
        turn with { Text = text, Diagnostics = [.. turn.Diagnostics, diagnostic] };

    private TutorTurn Fallback(RealizationRequest request, TutorTurn turn, IReadOnlyList<string> reasons)
    {
        var why = string.Join("; ", reasons);
        logger.LogInformation("Session {SessionId}: the {Kind} turn keeps its authored words ({Reasons})", request.SessionId, turn.Kind, why);
        return turn with { Diagnostics = [.. turn.Diagnostics, "LLM wording not used: " + why] };
    }
}
