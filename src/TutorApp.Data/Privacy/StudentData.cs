using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TutorApp.Data.Audit;
using TutorApp.Data.Identity;
using TutorApp.Domain.Audit;

namespace TutorApp.Data.Privacy;

/// <summary>Thrown when the account does not exist or is not a student's.</summary>
public sealed class StudentNotFoundException(string studentId) : Exception($"There is no student with the id {studentId}.");

/// <summary>
/// A student's personal data, for the admin: all of it as one JSON document (the right of access), or all of it erased
/// (the right to erasure) in one transaction, with an audit entry that keeps no personal data.
/// </summary>
public sealed class StudentData(IDbContextFactory<TutorDbContext> contextFactory, AuditLog audit, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// Every table that holds rows about one student, children before parents (the order erasure runs in).
    /// A new table with student data is one line here: it is then exported and erased.
    /// </summary>
    private static readonly StudentTable[] Tables =
    [
        StudentTable.Of((db, id) => db.MasterySnapshots.Where(m => m.StudentId == id), m => m.Id),
        StudentTable.Of((db, id) => db.KnowledgeStates.Where(k => k.StudentId == id), k => k.StudentId),
        StudentTable.Of((db, id) => db.ClassMembers.Where(m => m.StudentId == id), m => m.ClassId),
        StudentTable.Of((db, id) => db.Interactions.Where(i => i.StudentId == id), i => i.Id),
        StudentTable.Of((db, id) => db.TutoringTurns.Where(t => db.TutoringSessions.Any(s => s.Id == t.SessionId && s.StudentId == id)), t => t.Id),
        StudentTable.Of((db, id) => db.TutoringSessions.Where(s => s.StudentId == id), s => s.Id),
        StudentTable.Of((db, id) => db.SkillMastery.Where(m => m.StudentId == id), m => m.SkillId),
    ];

    /// <summary>The account and every row about the student, as indented JSON: one property per table, named as the table.</summary>
    public async Task<string> ExportAsync(string studentId, AuditActor admin, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var account = await StudentAsync(db, studentId, cancellationToken);
        var document = new Dictionary<string, object?>
        {
            ["format"] = "tutorapp-student-data/1",
            ["exportedAt"] = clock.GetUtcNow(),
            ["account"] = new { account.Id, account.Email, account.UserName, account.DisplayName, account.EmailConfirmed },
        };
        foreach (var table in Tables)
        {
            document[table.NameIn(db)] = await table.ExportAsync(db, studentId, cancellationToken);
        }
        var json = JsonSerializer.Serialize(document, Json);
        await audit.RecordAsync(admin, AuditActions.UserExport, $"user {studentId}", cancellationToken: cancellationToken);
        return json;
    }

    /// <summary>Erases the student's rows everywhere and the account itself; returns the rows removed per table.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DeleteAsync(string studentId, AuditActor admin, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await StudentAsync(db, studentId, cancellationToken);
        var removed = new Dictionary<string, int>();
        foreach (var table in Tables)
        {
            removed[table.NameIn(db)] = await table.EraseAsync(db, studentId, cancellationToken);
        }
        // Roles, claims, logins and tokens go with the account (ON DELETE CASCADE).
        removed["account"] = await db.Users.Where(u => u.Id == studentId).ExecuteDeleteAsync(cancellationToken);
        audit.Add(db, admin, AuditActions.UserDelete, $"user {studentId}",
            string.Join(", ", removed.Select(kv => $"{kv.Key}: {kv.Value}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    /// <summary>Students for the admin's list, found by email or name.</summary>
    public async Task<IReadOnlyList<StudentListItem>> SearchAsync(string? text, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var students = db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Student)));
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            students = students.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.DisplayName, pattern));
        }
        return await students.OrderBy(u => u.Email).Take(take)
            .Select(u => new StudentListItem(u.Id, u.Email ?? "", u.DisplayName, db.TutoringSessions.Count(s => s.StudentId == u.Id)))
            .ToListAsync(cancellationToken);
    }

    private static async Task<ApplicationUser> StudentAsync(TutorDbContext db, string studentId, CancellationToken cancellationToken)
    {
        var isStudent = await db.UserRoles.AnyAsync(ur => ur.UserId == studentId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Student), cancellationToken);
        return (isStudent ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == studentId, cancellationToken) : null)
            ?? throw new StudentNotFoundException(studentId);
    }

    /// <summary>One table's rows about a student: read for the export, deleted for erasure, from the same query.</summary>
    private sealed record StudentTable(
        Type Entity,
        Func<TutorDbContext, string, CancellationToken, Task<object>> ExportAsync,
        Func<TutorDbContext, string, CancellationToken, Task<int>> EraseAsync)
    {
        public string NameIn(TutorDbContext db) => db.Model.FindEntityType(Entity)?.GetTableName()
            ?? throw new InvalidOperationException($"{Entity.Name} is not mapped to a table.");

        public static StudentTable Of<T, TKey>(Func<TutorDbContext, string, IQueryable<T>> rows, Expression<Func<T, TKey>> order)
            where T : class => new(
            typeof(T),
            async (db, id, cancellationToken) => await rows(db, id).AsNoTracking().OrderBy(order).ToListAsync(cancellationToken),
            (db, id, cancellationToken) => rows(db, id).ExecuteDeleteAsync(cancellationToken));
    }
}

public sealed record StudentListItem(string Id, string Email, string DisplayName, int Sessions);
