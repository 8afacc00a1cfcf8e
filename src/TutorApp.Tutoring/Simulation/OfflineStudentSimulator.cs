using TutorApp.Domain.Answers;
using TutorApp.Tutoring.Validation;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// The calibrated offline student (<see cref="StudentSimulator"/>) playing the student who reads a candidate hint, for
/// hint validation without a second model: it holds the value the real student typed, reads the hint and the step's
/// question again, and corrects its value with the chance MathDial shows for the hint's move (read from its words), or
/// for a generic turn when there is no hint (the question only repeated).
/// </summary>
public sealed class OfflineStudentSimulator(StudentSimulator simulator) : IStudentSimulator
{
    public Task<string> NextAttemptAsync(SimulatedStudentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var step = request.Problem.Steps.FirstOrDefault(s => s.Key == request.StepKey)
            ?? throw new StudentSimulatorException($"step \"{request.StepKey}\" is not in the problem");
        var right = step.Expected?.RevealingNumbers() ?? [];
        // The student's own wrong number; with none typed ("I don't know"), any value other than the right one will do,
        // since the attempt is only judged, never shown.
        var wrong = InteractiveMetrics.Numbers(request.StudentWork).Select(n => (decimal)n).LastOrDefault(n => !right.Contains(n),
            right.Count > 0 ? right[0] + 1 : 1);
        // The seed leaves out the hint, so the attempts with and without it draw the same chances: the comparison is
        // paired, and a hint is judged by its move rather than by luck.
        var seed = Seeds.For(request.Sample, $"{request.Problem.Statement}\n{request.StepKey}\n{request.StudentWork}", 0, 2);
        try
        {
            return Task.FromResult(simulator.NextAttempt(request.Problem, request.StepKey, wrong, request.Hint, seed).Text);
        }
        catch (ArgumentException exception)
        {
            throw new StudentSimulatorException(exception.Message, exception);
        }
    }
}
