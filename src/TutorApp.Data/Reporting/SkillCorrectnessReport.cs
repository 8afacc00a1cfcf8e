using Microsoft.EntityFrameworkCore;

namespace TutorApp.Data.Reporting;

public sealed record SkillCorrectness(string StudentId, string StudentName, int SkillId, string SkillName, int Attempts, int Correct);

/// <summary>Per student and skill: how many step attempts, how many of them correct.</summary>
public sealed class SkillCorrectnessReport(IDbContextFactory<TutorDbContext> contextFactory)
{
    public async Task<IReadOnlyList<SkillCorrectness>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from interaction in db.Interactions
            join user in db.Users on interaction.StudentId equals user.Id
            join skill in db.Skills on interaction.SkillId equals skill.Id
            group interaction by new { interaction.StudentId, user.DisplayName, user.UserName, interaction.SkillId, skill.Name } into g
            select new
            {
                g.Key.StudentId,
                g.Key.DisplayName,
                g.Key.UserName,
                g.Key.SkillId,
                SkillName = g.Key.Name,
                Attempts = g.Count(),
                Correct = g.Count(i => i.Correct),
            }).ToListAsync(cancellationToken);

        return rows
            .Select(r => new SkillCorrectness(r.StudentId, r.DisplayName.Length > 0 ? r.DisplayName : r.UserName ?? r.StudentId,
                r.SkillId, r.SkillName, r.Attempts, r.Correct))
            .OrderBy(r => r.StudentName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.SkillName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
