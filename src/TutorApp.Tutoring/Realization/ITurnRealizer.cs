using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Realization;

/// <summary>One earlier line of the dialogue, as a realizer sees it.</summary>
public sealed record DialogueLine(bool FromStudent, string Text);

/// <summary>What a realizer gets for one student message: the problem, the engine's outcome (the planned turns, already
/// worded offline and guarded) and the dialogue before it.</summary>
/// <param name="StudentMessage">The message just answered, as typed: untrusted data.</param>
/// <param name="RecentDialogue">The last few lines before <paramref name="StudentMessage"/>, oldest first.</param>
/// <param name="SessionId">For the call log only.</param>
public sealed record RealizationRequest(
    BankProblemVersion Problem,
    DialogueState StateBefore,
    string StudentMessage,
    TurnOutcome Outcome,
    IReadOnlyList<DialogueLine> RecentDialogue,
    long? SessionId);

/// <summary>
/// Words the engine's planned turns in place of the authored text (an LLM). The offline turns in
/// <see cref="RealizationRequest.Outcome"/> are the fallback: an implementation returns them, with a diagnostic saying
/// why, whenever its own words fail a check, take too long or cannot be had. It never throws for a failed model.
/// </summary>
public interface ITurnRealizer
{
    /// <summary>False when every turn is worded offline; callers then skip gathering the dialogue.</summary>
    bool IsEnabled { get; }

    Task<IReadOnlyList<TutorTurn>> RealizeAsync(RealizationRequest request, CancellationToken cancellationToken);
}

/// <summary>The realizer when no LLM is configured: the engine's own, authored words.</summary>
public sealed class OfflineTurnRealizer : ITurnRealizer
{
    public bool IsEnabled => false;

    public Task<IReadOnlyList<TutorTurn>> RealizeAsync(RealizationRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(request.Outcome.Turns);
}
