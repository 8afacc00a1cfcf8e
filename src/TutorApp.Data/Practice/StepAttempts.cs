using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Practice;

namespace TutorApp.Data.Practice;

public enum AttemptOutcome
{
    Correct,
    Incorrect,
    /// <summary>The text holds no number; nothing is recorded, the student is asked again.</summary>
    NotANumber,
}

public sealed record AttemptResult(AttemptOutcome Outcome, string Feedback);

/// <summary>Checks a student's answer to one step and records the attempt as an interaction for knowledge tracing.</summary>
public sealed class StepAttempts(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxAnswerLength = 2000;

    public async Task<AttemptResult> SubmitAsync(string studentId, int stepId, string answerText, CancellationToken cancellationToken = default)
    {
        if (answerText.Length > MaxAnswerLength)
        {
            return new AttemptResult(AttemptOutcome.NotANumber, $"That answer is too long (at most {MaxAnswerLength} characters).");
        }
        if (!NumberParser.TryParse(answerText, out var value))
        {
            return new AttemptResult(AttemptOutcome.NotANumber, "Please answer with a number, for example 12, 3/4 or 2.5.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var step = await db.ProblemSteps.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken)
            ?? throw new KeyNotFoundException($"Step {stepId} does not exist.");

        var correct = step.Accepts(value);
        db.Interactions.Add(new Interaction
        {
            StudentId = studentId,
            StepId = step.Id,
            SkillId = step.SkillId,
            Correct = correct,
            AnswerText = answerText,
            OccurredAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);

        return correct
            ? new AttemptResult(AttemptOutcome.Correct, "Correct — well done.")
            : new AttemptResult(AttemptOutcome.Incorrect, "Not quite. Check your working and try again.");
    }

    /// <summary>The ids of the steps of a problem this student has already answered correctly.</summary>
    public async Task<IReadOnlySet<int>> SolvedStepIdsAsync(string studentId, int problemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Interactions
            .Where(i => i.StudentId == studentId && i.Correct && db.ProblemSteps.Any(s => s.Id == i.StepId && s.ProblemId == problemId))
            .Select(i => i.StepId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }
}
