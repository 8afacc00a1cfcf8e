using Microsoft.EntityFrameworkCore;


namespace TutorApp.Data.Problems;

public sealed record StepDraft(string Prompt, decimal ExpectedValue, decimal Tolerance, string SkillName);

public sealed record ProblemDraft(string Title, string StatementMarkdown, IReadOnlyList<StepDraft> Steps);

public sealed record ProblemSummary(int Id, string Title, int StepCount, DateTimeOffset CreatedAt);

/// <summary>Creating and reading problems. Skills named by a draft are created on first use.</summary>
public sealed class ProblemBank(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock)
{
    public async Task<int> CreateAsync(ProblemDraft draft, string? authorId, CancellationToken cancellationToken = default)
    {
        var errors = Validate(draft);
        if (errors.Count > 0)
        {
            throw new ProblemValidationException(errors);
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var skillNames = draft.Steps.Select(s => s.SkillName.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var skills = await db.Skills.Where(s => skillNames.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        foreach (var name in skillNames.Where(n => !skills.ContainsKey(n)))
        {
            skills[name] = db.Skills.Add(new Skill { Name = name }).Entity;
        }

        var problem = new Problem
        {
            Title = draft.Title.Trim(),
            StatementMarkdown = draft.StatementMarkdown,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = authorId,
            Steps = draft.Steps.Select((step, index) => new ProblemStep
            {
                Position = index + 1,
                Prompt = step.Prompt.Trim(),
                ExpectedValue = step.ExpectedValue,
                Tolerance = step.Tolerance,
                Skill = skills[step.SkillName.Trim()],
            }).ToList(),
        };
        db.Problems.Add(problem);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return problem.Id;
    }

    public async Task<IReadOnlyList<ProblemSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Problems
            .OrderBy(p => p.Title)
            .Select(p => new ProblemSummary(p.Id, p.Title, p.Steps.Count, p.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<Problem?> FindWithStepsAsync(int problemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Problems
            .AsNoTracking()
            .Include(p => p.Steps.OrderBy(s => s.Position))
            .ThenInclude(s => s.Skill)
            .SingleOrDefaultAsync(p => p.Id == problemId, cancellationToken);
    }

    public async Task<IReadOnlyList<Skill>> ListSkillsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Skills.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Every problem with the draft, each naming the field it concerns, so a form can show them all at once.</summary>
    public static IReadOnlyList<string> Validate(ProblemDraft draft)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            errors.Add("Title: required.");
        }
        else if (draft.Title.Trim().Length > 300)
        {
            errors.Add("Title: at most 300 characters.");
        }
        if (string.IsNullOrWhiteSpace(draft.StatementMarkdown))
        {
            errors.Add("Statement: required.");
        }
        if (draft.Steps.Count == 0)
        {
            errors.Add("Steps: a problem needs at least one step.");
        }
        for (var i = 0; i < draft.Steps.Count; i++)
        {
            var step = draft.Steps[i];
            var label = $"Step {i + 1}";
            if (string.IsNullOrWhiteSpace(step.Prompt))
            {
                errors.Add($"{label} prompt: required.");
            }
            if (string.IsNullOrWhiteSpace(step.SkillName))
            {
                errors.Add($"{label} skill: required.");
            }
            else if (step.SkillName.Trim().Length > 200)
            {
                errors.Add($"{label} skill: at most 200 characters.");
            }
            if (step.Tolerance < 0)
            {
                errors.Add($"{label} tolerance: must not be negative.");
            }
        }
        return errors;
    }
}

public sealed class ProblemValidationException(IReadOnlyList<string> errors)
    : Exception("The problem is not valid: " + string.Join(" ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
