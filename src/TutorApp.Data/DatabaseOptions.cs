using System.ComponentModel.DataAnnotations;

namespace TutorApp.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations when the web app starts; turn off when a deploy step runs <c>tutor migrate</c>.</summary>
    public bool ApplyMigrationsOnStartup { get; set; } = true;

    /// <summary>Folder of the SQL migration files, relative to the content root.</summary>
    [Required]
    public string MigrationsPath { get; set; } = "migrations";
}
