using System.ComponentModel.DataAnnotations;

namespace TutorApp.Data.Content;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Files larger than this are refused before any parsing (uploads and the CLI alike).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;
}
