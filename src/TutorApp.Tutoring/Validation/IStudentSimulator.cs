using TutorApp.Domain.Content.Bank;

namespace TutorApp.Tutoring.Validation;

/// <summary>A simulated student at one step of a problem, asked for its next attempt.</summary>
/// <param name="StepKey">The step the student is stuck on (its prompt is what the student is answering).</param>
/// <param name="StudentWork">The real student's current (wrong or incomplete) work, as typed: the simulated student
/// starts from it. Untrusted text.</param>
/// <param name="Hint">The tutor's candidate hint the simulated student reads first; null for the baseline attempt without it.</param>
/// <param name="Sample">Which of the N samples this is (0-based), for simulators that need a seed to vary their attempts.</param>
public sealed record SimulatedStudentRequest(BankProblemVersion Problem, string StepKey, string StudentWork, string? Hint, int Sample);

/// <summary>
/// Plays the student who receives a hint, so a hint can be kept only if it helps (see <see cref="HintValidator"/>).
/// Implementations: an LLM playing the student (TutorApp.Llm), or an offline calibrated simulated student.
/// The answer is the message the student would type next; it is judged by the engine's own evaluator, not by the simulator.
/// </summary>
public interface IStudentSimulator
{
    /// <exception cref="StudentSimulatorException">No attempt could be had (model down, malformed reply).</exception>
    Task<string> NextAttemptAsync(SimulatedStudentRequest request, CancellationToken cancellationToken);
}

public sealed class StudentSimulatorException(string message, Exception? inner = null) : Exception(message, inner);
