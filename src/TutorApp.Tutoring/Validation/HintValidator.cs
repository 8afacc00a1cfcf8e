using TutorApp.Tutoring.Evaluation;

namespace TutorApp.Tutoring.Validation;

/// <summary>How a candidate hint did with the simulated student.</summary>
/// <param name="SuccessesWith">Samples in which the simulated student solved the step after reading the hint.</param>
/// <param name="SuccessesWithout">The same without the hint (the baseline).</param>
public sealed record HintValidation(int Samples, int SuccessesWith, int SuccessesWithout)
{
    /// <summary>
    /// Kept when the student does at least as well with the hint as without it, and either succeeds in at least half of
    /// the samples or improves by at least a quarter of them.
    /// </summary>
    public bool Kept => SuccessesWith >= SuccessesWithout
        && (2 * SuccessesWith >= Samples || 4 * (SuccessesWith - SuccessesWithout) >= Samples);

    public override string ToString() =>
        $"{(Kept ? "kept" : "rejected")}: solved {SuccessesWith}/{Samples} with the hint, {SuccessesWithout}/{Samples} without";
}

/// <summary>
/// Student-simulator hint validation (in the spirit of validating a tutor model's hints with a student model): the
/// simulator plays the student N times with the hint and N times without it; each attempt is judged by the engine's
/// evaluator against the step's expected value.
/// </summary>
public sealed class HintValidator(IStudentSimulator simulator, int samples)
{
    private readonly MessageEvaluator _evaluator = new();

    public int Samples { get; } = samples > 0 ? samples : throw new ArgumentOutOfRangeException(nameof(samples));

    /// <summary>Successes over the samples for one hint (null: the baseline without a hint). Samples run concurrently.</summary>
    /// <exception cref="StudentSimulatorException">The simulator failed on a sample.</exception>
    public async Task<int> SuccessesAsync(SimulatedStudentRequest request, DialogueState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempts = await Task.WhenAll(Enumerable.Range(0, Samples)
            .Select(sample => simulator.NextAttemptAsync(request with { Sample = sample }, cancellationToken)));
        return attempts.Count(attempt => SolvesStep(request, state, attempt));
    }

    /// <summary>Whether the attempt gives the step's value, read as the engine reads a student at that step.</summary>
    public bool SolvesStep(SimulatedStudentRequest request, DialogueState state, string attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        var atStep = state with
        {
            CurrentStepKey = request.StepKey,
            CurrentNodeKey = null,
            PendingMisconception = null,
            ResolvedSteps = state.ResolvedSteps.Remove(request.StepKey),
            Solved = false,
        };
        var evaluation = _evaluator.Evaluate(request.Problem, atStep, attempt);
        return evaluation.StepVerdict == Verdict.Correct || evaluation.StatedSteps.Contains(request.StepKey);
    }
}
