using Microsoft.EntityFrameworkCore;

namespace TutorApp.Data.Classes;

/// <summary>Who is looking at class data: a teacher sees their own classes, an admin sees every class.</summary>
public sealed record ClassViewer(string UserId, bool IsAdmin);

public enum ClassAccessResult
{
    Allowed,
    /// <summary>The class (or the student in it) does not exist.</summary>
    NotFound,
    /// <summary>It exists, but belongs to another teacher.</summary>
    Forbidden,
}

/// <summary>The one ownership rule for classes, used by the pages, the JSON API and the CSV downloads alike.</summary>
public sealed class ClassAccess(IDbContextFactory<TutorDbContext> contextFactory)
{
    /// <param name="studentId">When given, the student must also be a member of the class.</param>
    public async Task<ClassAccessResult> CheckAsync(ClassViewer viewer, int classId, string? studentId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var teacherId = await db.Classes.Where(c => c.Id == classId).Select(c => c.TeacherId).SingleOrDefaultAsync(cancellationToken);
        if (teacherId is null)
        {
            return ClassAccessResult.NotFound;
        }
        if (!viewer.IsAdmin && teacherId != viewer.UserId)
        {
            return ClassAccessResult.Forbidden;
        }
        if (studentId is not null && !await db.ClassMembers.AnyAsync(m => m.ClassId == classId && m.StudentId == studentId, cancellationToken))
        {
            return ClassAccessResult.NotFound;
        }
        return ClassAccessResult.Allowed;
    }
}
