using Microsoft.EntityFrameworkCore;
using TutorApp.Data.Mastery;
using TutorApp.Domain.Practice;

namespace TutorApp.Data.Practice;

public enum AttemptOutcome
{
    Correct,
    Incorrect,
    /// <summary>The text could not be read as an answer of the expected kind; nothing is recorded, the student is asked again.</summary>
    NotUnderstood,
}

public sealed record AttemptResult(AttemptOutcome Outcome, string Feedback);

/// <summary>Checks a student's answer to one step and records the attempt as an interaction for knowledge tracing.</summary>
public sealed class StepAttempts(IDbContextFactory<TutorDbContext> contextFactory, MasteryService mastery, TimeProvider clock)
{
    public const int MaxAnswerLength = 2000;

    public async Task<AttemptResult> SubmitAsync(string studentId, int stepId, string answerText, CancellationToken cancellationToken = default)
    {
        if (answerText.Length > MaxAnswerLength)
        {
            return new AttemptResult(AttemptOutcome.NotUnderstood, $"That answer is too long (at most {MaxAnswerLength} characters).");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var step = await db.Steps.AsNoTracking().Include(s => s.Skills).SingleOrDefaultAsync(s => s.Id == stepId, cancellationToken)
            ?? throw new KeyNotFoundException($"Step {stepId} does not exist.");
        if (step.Expected is null)
        {
            throw new InvalidOperationException($"Step {stepId} has no expected answer; only published versions reach students.");
        }

        var check = step.Expected.Check(answerText);
        if (!check.Understood)
        {
            return new AttemptResult(AttemptOutcome.NotUnderstood, step.Expected is Domain.Answers.NumberAnswer or Domain.Answers.FractionAnswer
                ? "Please answer with a number, for example 12, 3/4 or 2.5."
                : "I could not read that as an answer. Please try again.");
        }

        var correct = check.Correct;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MasteryService.LockStudentAsync(db, studentId, cancellationToken);
        // One interaction per skill of the step: knowledge tracing updates each skill the step exercises.
        db.Interactions.AddRange(step.Skills.Select(skill => new Interaction
        {
            StudentId = studentId,
            StepId = step.Id,
            SkillId = skill.SkillId,
            Correct = correct,
            AnswerText = answerText,
            OccurredAt = clock.GetUtcNow(),
        }));
        await db.SaveChangesAsync(cancellationToken);
        await mastery.UpdateAsync(db, studentId, step.Skills.Select(s => s.SkillId).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return correct
            ? new AttemptResult(AttemptOutcome.Correct, "Correct — well done.")
            : new AttemptResult(AttemptOutcome.Incorrect, "Not quite. Check your working and try again.");
    }

    /// <summary>The ids of the steps of a problem version this student has already answered correctly.</summary>
    public async Task<IReadOnlySet<int>> SolvedStepIdsAsync(string studentId, int versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Interactions
            .Where(i => i.StudentId == studentId && i.Correct && db.Steps.Any(s => s.Id == i.StepId && s.ProblemVersionId == versionId))
            .Select(i => i.StepId)
            .Distinct()
            .ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }
}
