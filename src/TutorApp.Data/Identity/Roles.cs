namespace TutorApp.Data.Identity;

public static class Roles
{
    public const string Student = nameof(Student);
    public const string Teacher = nameof(Teacher);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Student, Teacher, Admin];
}
