using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TutorApp.Data.Identity;
using TutorApp.Domain.Classes;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Import;
using TutorApp.Domain.Sessions;

namespace TutorApp.Data.Classes;

public sealed record ClassSummary(int Id, string Name, string TeacherName, string JoinCode, int StudentCount, DateTimeOffset CreatedAt);

public sealed record ClassStudent(string Id, string Name, string Email, DateTimeOffset JoinedAt);

/// <param name="Added">Students who were not in the class before.</param>
/// <param name="AlreadyMembers">Students on the roster who were already in the class (left as they were).</param>
public sealed record RosterImportResult(int Added, int AlreadyMembers, IReadOnlyList<ImportIssue> Issues)
{
    public bool Succeeded => Issues.Count == 0;
}

/// <param name="Status">For a student's own list: "Solved", "In progress" or "Not started"; null in the teacher's list.</param>
public sealed record AssignedProblem(int ProblemId, string Title, string? Status);

public sealed record AssignmentView(int Id, int ClassId, string ClassName, string Title, DateTimeOffset DueAt, IReadOnlyList<AssignedProblem> Problems);

/// <summary>A request about classes that cannot be carried out, with a message for the user.</summary>
public sealed class ClassRequestException(string message) : Exception(message);

/// <summary>Classes: creating them, their students (roster import, join code) and the problem sets assigned to them.</summary>
public sealed class SchoolClasses(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    // No 0/O, 1/I/L: codes are read aloud and copied from a board.
    private const string JoinCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int JoinCodeLength = 8;

    public async Task<ClassSummary> CreateAsync(string teacherId, string name, CancellationToken cancellationToken = default)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            throw new ClassRequestException($"A class needs a name of 1 to {MaxNameLength} characters.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        // A clash of random codes is rare; the unique index decides, and a fresh code is drawn.
        for (var attempt = 1; ; attempt++)
        {
            var schoolClass = new SchoolClass { Name = trimmed, TeacherId = teacherId, JoinCode = NewJoinCode(), CreatedAt = clock.GetUtcNow() };
            db.Classes.Add(schoolClass);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (await ListAsync(db, new ClassViewer(teacherId, IsAdmin: false), schoolClass.Id, cancellationToken)).Single();
            }
            catch (DbUpdateException exception) when (attempt < 5 && exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.Entry(schoolClass).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The classes the viewer may see, by name.</summary>
    public async Task<IReadOnlyList<ClassSummary>> ListAsync(ClassViewer viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db, viewer, classId: null, cancellationToken);
    }

    /// <summary>One class; call it only after <see cref="ClassAccess"/> allowed the viewer.</summary>
    public async Task<ClassSummary?> GetAsync(int classId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return (await ListAsync(db, new ClassViewer("", IsAdmin: true), classId, cancellationToken)).SingleOrDefault();
    }

    private static async Task<IReadOnlyList<ClassSummary>> ListAsync(TutorDbContext db, ClassViewer viewer, int? classId, CancellationToken cancellationToken)
    {
        var classes = db.Classes.AsNoTracking().Where(c => viewer.IsAdmin || c.TeacherId == viewer.UserId);
        if (classId is not null)
        {
            classes = classes.Where(c => c.Id == classId);
        }
        var rows = await classes
            .Join(db.Users, c => c.TeacherId, u => u.Id, (c, u) => new
            {
                c.Id, c.Name, TeacherName = u.DisplayName, TeacherEmail = u.Email, c.JoinCode, Students = c.Members.Count, c.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new ClassSummary(r.Id, r.Name, r.TeacherName.Length > 0 ? r.TeacherName : r.TeacherEmail ?? "", r.JoinCode, r.Students, r.CreatedAt))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id)
            .ToList();
    }

    public async Task<IReadOnlyList<ClassStudent>> StudentsAsync(int classId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ClassMembers.AsNoTracking().Where(m => m.ClassId == classId)
            .Join(db.Users, m => m.StudentId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email, m.JoinedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ClassStudent(r.Id, StudentName(r.DisplayName, r.Email), r.Email ?? "", r.JoinedAt))
            .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Adds the roster's students to the class, all or nothing: any line that is malformed, names no account or names an
    /// account that is not a student's makes the whole import fail, with every problem reported by line.
    /// </summary>
    public async Task<RosterImportResult> ImportRosterAsync(int classId, TextReader roster, string fileName, CancellationToken cancellationToken = default)
    {
        var parsed = RosterParser.Parse(roster, fileName);
        var issues = parsed.Issues.ToList();

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var normalized = parsed.Entries.Select(e => e.Email.ToUpperInvariant()).ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail))
            .Select(u => new
            {
                u.Id,
                Email = u.NormalizedEmail!,
                IsStudent = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Student)),
            })
            .ToDictionaryAsync(u => u.Email, cancellationToken);
        var studentIds = new List<string>();
        foreach (var entry in parsed.Entries)
        {
            if (!accounts.TryGetValue(entry.Email.ToUpperInvariant(), out var account))
            {
                issues.Add(new ImportIssue(fileName, entry.Line, RosterParser.EmailColumn, $"no account has the email \"{entry.Email}\""));
            }
            else if (!account.IsStudent)
            {
                issues.Add(new ImportIssue(fileName, entry.Line, RosterParser.EmailColumn, $"\"{entry.Email}\" is not a student's account"));
            }
            else
            {
                studentIds.Add(account.Id);
            }
        }
        if (issues.Count > 0)
        {
            return new RosterImportResult(0, 0, issues.OrderBy(i => i.Line).ToList());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.ClassMembers.Where(m => m.ClassId == classId && studentIds.Contains(m.StudentId))
            .Select(m => m.StudentId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var added = studentIds.Except(existing).ToList();
        db.ClassMembers.AddRange(added.Select(id => new ClassMember { ClassId = classId, StudentId = id, JoinedAt = now }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RosterImportResult(added.Count, existing.Count, []);
    }

    /// <summary>A student joins the class whose code they typed (any case, spaces ignored); joining twice is harmless.</summary>
    public async Task<ClassSummary> JoinAsync(string studentId, string code, CancellationToken cancellationToken = default)
    {
        var normalized = new string(code.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToUpperInvariant();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var schoolClass = await db.Classes.AsNoTracking().SingleOrDefaultAsync(c => c.JoinCode == normalized, cancellationToken)
            ?? throw new ClassRequestException($"No class has the join code \"{code.Trim()}\". Check the code with your teacher.");
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO class_members (class_id, student_id, joined_at) VALUES ({schoolClass.Id}, {studentId}, {clock.GetUtcNow()}) ON CONFLICT DO NOTHING",
            cancellationToken);
        return (await ListAsync(db, new ClassViewer("", IsAdmin: true), schoolClass.Id, cancellationToken)).Single();
    }

    public async Task<AssignmentView> AssignAsync(int classId, string title, DateTimeOffset dueAt, IReadOnlyList<int> problemIds,
        CancellationToken cancellationToken = default)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0 || trimmed.Length > MaxNameLength)
        {
            throw new ClassRequestException($"An assignment needs a title of 1 to {MaxNameLength} characters.");
        }
        if (problemIds.Count == 0)
        {
            throw new ClassRequestException("Choose at least one problem for the assignment.");
        }
        if (dueAt <= clock.GetUtcNow())
        {
            throw new ClassRequestException("The due date must be in the future.");
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var distinct = problemIds.Distinct().ToList();
        var published = await db.ProblemVersions.Where(v => distinct.Contains(v.ProblemId) && v.Status == VersionStatus.Published)
            .Select(v => v.ProblemId).ToListAsync(cancellationToken);
        var unknown = distinct.Except(published).ToList();
        if (unknown.Count > 0)
        {
            throw new ClassRequestException($"Problem(s) {string.Join(", ", unknown)} do not exist or have no published version.");
        }
        var assignment = new Assignment
        {
            ClassId = classId,
            Title = trimmed,
            DueAt = dueAt,
            CreatedAt = clock.GetUtcNow(),
            Problems = distinct.Select((id, index) => new AssignmentProblem { ProblemId = id, Position = index + 1 }).ToList(),
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(cancellationToken);
        return (await AssignmentsAsync(db, [classId], studentId: null, cancellationToken)).Single(a => a.Id == assignment.Id);
    }

    /// <summary>The class's assignments, soonest due first.</summary>
    public async Task<IReadOnlyList<AssignmentView>> AssignmentsAsync(int classId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await AssignmentsAsync(db, [classId], studentId: null, cancellationToken);
    }

    /// <summary>Everything assigned to the student's classes, soonest due first, with how far they got on each problem.</summary>
    public async Task<IReadOnlyList<AssignmentView>> ForStudentAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var classIds = await db.ClassMembers.Where(m => m.StudentId == studentId).Select(m => m.ClassId).ToListAsync(cancellationToken);
        return await AssignmentsAsync(db, classIds, studentId, cancellationToken);
    }

    private static async Task<IReadOnlyList<AssignmentView>> AssignmentsAsync(TutorDbContext db, List<int> classIds, string? studentId,
        CancellationToken cancellationToken)
    {
        var assignments = await db.Assignments.AsNoTracking().Where(a => classIds.Contains(a.ClassId))
            .Join(db.Classes, a => a.ClassId, c => c.Id, (a, c) => new { a.Id, a.ClassId, ClassName = c.Name, a.Title, a.DueAt })
            .ToListAsync(cancellationToken);
        var assignmentIds = assignments.Select(a => a.Id).ToList();
        var problems = await db.Set<AssignmentProblem>().AsNoTracking().Where(p => assignmentIds.Contains(p.AssignmentId))
            .Select(p => new
            {
                p.AssignmentId,
                p.ProblemId,
                p.Position,
                Title = db.ProblemVersions.Where(v => v.ProblemId == p.ProblemId).OrderByDescending(v => v.Status == VersionStatus.Published)
                    .ThenByDescending(v => v.Number).Select(v => v.Title).First(),
            })
            .ToListAsync(cancellationToken);

        var statusByProblem = new Dictionary<int, string>();
        if (studentId is not null)
        {
            var problemIds = problems.Select(p => p.ProblemId).Distinct().ToList();
            var sessions = await db.TutoringSessions.AsNoTracking().Where(s => s.StudentId == studentId)
                .Join(db.ProblemVersions, s => s.ProblemVersionId, v => v.Id, (s, v) => new { v.ProblemId, s.Status })
                .Where(s => problemIds.Contains(s.ProblemId))
                .ToListAsync(cancellationToken);
            foreach (var group in sessions.GroupBy(s => s.ProblemId))
            {
                statusByProblem[group.Key] = group.Any(s => s.Status == SessionStatus.Solved) ? "Solved" : "In progress";
            }
        }

        return assignments
            .OrderBy(a => a.DueAt).ThenBy(a => a.Id)
            .Select(a => new AssignmentView(a.Id, a.ClassId, a.ClassName, a.Title, a.DueAt, problems
                .Where(p => p.AssignmentId == a.Id).OrderBy(p => p.Position)
                .Select(p => new AssignedProblem(p.ProblemId, p.Title,
                    studentId is null ? null : statusByProblem.GetValueOrDefault(p.ProblemId, "Not started")))
                .ToList()))
            .ToList();
    }

    public static string StudentName(string displayName, string? email) => displayName.Length > 0 ? displayName : email ?? "";

    private static string NewJoinCode() => RandomNumberGenerator.GetString(JoinCodeAlphabet, JoinCodeLength);
}
