using TutorApp.Tutoring.Validation;

namespace TutorApp.Llm;

/// <summary>A (usually smaller) model playing the student who reads a hint: <see cref="IStudentSimulator"/> for hint validation.</summary>
public sealed class LlmStudentSimulator(LlmChat chat, ILlmCallLog log, TimeProvider clock) : IStudentSimulator
{
    public async Task<string> NextAttemptAsync(SimulatedStudentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reply = await chat.CompleteAsync(TutorPrompts.SimulatorInstructions, TutorPrompts.Simulation(request), json: false, cancellationToken);
        var withHint = request.Hint is null ? "without the hint" : "with the hint";
        if (!reply.Succeeded || string.IsNullOrWhiteSpace(reply.Text))
        {
            var failure = reply.Failure ?? "empty reply";
            log.Record(reply.ToRecord(clock.GetUtcNow(), "simulate", null, "failed", $"{withHint}: {failure}"));
            throw new StudentSimulatorException($"the simulated student gave no attempt {withHint} ({failure})");
        }
        log.Record(reply.ToRecord(clock.GetUtcNow(), "simulate", null, "attempt", withHint));
        return reply.Text;
    }
}
