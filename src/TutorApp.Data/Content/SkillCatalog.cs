using Microsoft.EntityFrameworkCore;
using Npgsql;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Content;

public sealed record SkillNode(int Id, string Name, string Description, int? ParentId, IReadOnlyList<int> PrerequisiteIds);

/// <summary>Skills and their prerequisite graph, which is kept a DAG.</summary>
public sealed class SkillCatalog(IDbContextFactory<TutorDbContext> contextFactory)
{
    public async Task<IReadOnlyList<SkillNode>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var skills = await db.Skills.AsNoTracking().Include(s => s.Prerequisites).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return skills.Select(s => new SkillNode(s.Id, s.Name, s.Description, s.ParentId,
            s.Prerequisites.Select(p => p.PrerequisiteId).Order().ToList())).ToList();
    }

    public async Task<int> CreateAsync(string name, string description, int? parentId, CancellationToken cancellationToken = default)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > 200)
        {
            throw new SkillGraphException("Name: required, at most 200 characters.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Skills.AnyAsync(s => s.Name == trimmed, cancellationToken))
        {
            throw new SkillGraphException($"Name: a skill called \"{trimmed}\" already exists.");
        }
        var skill = new Skill { Name = trimmed, Description = description.Trim(), ParentId = parentId };
        db.Skills.Add(skill);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new SkillGraphException($"Name: a skill called \"{trimmed}\" already exists.");
        }
        return skill.Id;
    }

    public async Task UpdateAsync(int skillId, string description, int? parentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var skill = await db.Skills.SingleOrDefaultAsync(s => s.Id == skillId, cancellationToken)
            ?? throw new SkillGraphException($"Skill {skillId} does not exist.");
        if (parentId is { } parent)
        {
            var parents = await db.Skills.Where(s => s.ParentId != null).Select(s => new { s.Id, Parent = s.ParentId!.Value }).ToListAsync(cancellationToken);
            var edges = parents.Where(p => p.Id != skillId).Select(p => (p.Id, p.Parent)).Append((skillId, parent));
            if (SkillGraph.FindCycle(edges) is { } cycle)
            {
                throw new SkillGraphException($"Parent: that would make the skill its own ancestor: {await NamesAsync(db, cycle, cancellationToken)}.");
            }
        }
        skill.Description = description.Trim();
        skill.ParentId = parentId;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds "<paramref name="skillId"/> requires <paramref name="prerequisiteId"/>"; refused when it would close a cycle.</summary>
    public async Task AddPrerequisiteAsync(int skillId, int prerequisiteId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        var edges = await db.SkillPrerequisites.Select(p => new { p.SkillId, p.PrerequisiteId }).ToListAsync(cancellationToken);
        if (edges.Any(e => e.SkillId == skillId && e.PrerequisiteId == prerequisiteId))
        {
            return;
        }
        var cycle = SkillGraph.FindCycle(edges.Select(e => (e.SkillId, e.PrerequisiteId)).Append((skillId, prerequisiteId)));
        if (cycle is not null)
        {
            throw new SkillGraphException($"That prerequisite would make a cycle: {await NamesAsync(db, cycle, cancellationToken)}.");
        }
        db.SkillPrerequisites.Add(new SkillPrerequisite { SkillId = skillId, PrerequisiteId = prerequisiteId });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task RemovePrerequisiteAsync(int skillId, int prerequisiteId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.SkillPrerequisites.Where(p => p.SkillId == skillId && p.PrerequisiteId == prerequisiteId).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<string> NamesAsync(TutorDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var names = await db.Skills.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return SkillGraph.Describe(ids.Select(id => names.GetValueOrDefault(id, $"#{id}")).ToList());
    }
}

public sealed class SkillGraphException(string message) : Exception(message);
