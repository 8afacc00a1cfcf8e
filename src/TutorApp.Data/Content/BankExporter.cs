using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Data.Content;

/// <summary>The whole bank (every skill, every problem with every version) in the bank format, in a fixed order.</summary>
public sealed class BankExporter(IDbContextFactory<TutorDbContext> contextFactory)
{
    public async Task<BankDocument> ExportAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var skills = await db.Skills.AsNoTracking().Include(s => s.Prerequisites).ToListAsync(cancellationToken);
        var names = skills.ToDictionary(s => s.Id, s => s.Name);
        var bankSkills = skills
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new BankSkill(s.Name, s.Description, s.ParentId is { } parent ? names[parent] : null,
                s.Prerequisites.Select(p => names[p.PrerequisiteId]).Order(StringComparer.Ordinal).ToList()))
            .ToList();

        var versions = await ProblemBank.Complete(db.ProblemVersions).AsNoTracking().AsSplitQuery().ToListAsync(cancellationToken);
        var problems = versions
            .GroupBy(v => v.Problem!.Key)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BankProblem(g.Key, g.OrderBy(v => v.Number).Select(v => BankMapping.ToBank(v, names)).ToList()))
            .ToList();
        return BankDocument.Create(bankSkills, problems);
    }
}
