using Microsoft.EntityFrameworkCore;
using TutorApp.Domain.Audit;

namespace TutorApp.Data.Audit;

/// <summary>Who made a change: the signed-in admin (id and email), or the command line.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static readonly AuditActor CommandLine = new(null, "cli");
}

/// <summary>Writes and reads the audit log of admin changes to content, users and models.</summary>
public sealed class AuditLog(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>Records a change that has been made (call it after the change succeeded).</summary>
    public async Task RecordAsync(AuditActor actor, string action, string target, string details = "", CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        Add(db, actor, action, target, details);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the entry to a context whose transaction makes the change itself, so both are kept or neither.</summary>
    public void Add(TutorDbContext db, AuditActor actor, string action, string target, string details = "") =>
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            ActorId = actor.Id,
            ActorName = Truncate(actor.Name, 256),
            Action = action,
            Target = Truncate(target, 200),
            Details = Truncate(details, 2000),
        });

    /// <summary>The newest entries first, optionally only those whose action starts with a prefix ("problem.", "user.").</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string? actionPrefix = null, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(actionPrefix))
        {
            query = query.Where(e => e.Action.StartsWith(actionPrefix));
        }
        return await query.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
