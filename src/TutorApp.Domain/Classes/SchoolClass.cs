namespace TutorApp.Domain.Classes;

/// <summary>A teacher's class: its students (by roster import or join code) and the problem sets assigned to it.</summary>
public sealed class SchoolClass
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string TeacherId { get; set; }

    /// <summary>What a student types to join the class; unique across classes, case-insensitive letters and digits.</summary>
    public required string JoinCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<ClassMember> Members { get; set; } = [];
    public List<Assignment> Assignments { get; set; } = [];
}

public sealed class ClassMember
{
    public int ClassId { get; set; }
    public required string StudentId { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}

/// <summary>A problem set given to a class, due at a point in time.</summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<AssignmentProblem> Problems { get; set; } = [];
}

public sealed class AssignmentProblem
{
    public int AssignmentId { get; set; }
    public int ProblemId { get; set; }

    /// <summary>Order in which the set lists its problems.</summary>
    public int Position { get; set; }
}
