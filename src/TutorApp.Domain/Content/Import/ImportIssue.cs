namespace TutorApp.Domain.Content.Import;

/// <summary>A record an importer left out, and why.</summary>
/// <param name="File">The file name the caller gave the parser.</param>
/// <param name="Line">1-based line of the record (for a CSV record spread over several lines, its first line).</param>
/// <param name="Field">The field at fault, or "(json)" / "(record)" when the record as a whole could not be read.</param>
public sealed record ImportIssue(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Message}";
}
