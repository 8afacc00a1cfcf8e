using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TutorApp.Data.Migrations;

/// <summary>A file <c>NNNN_description.sql</c> in migrations/; the number orders it.</summary>
public sealed partial record MigrationFile(int Version, string FileName, string Sql)
{
    /// <summary>SHA-256 of the file's text with line endings normalised, so a checkout with CRLF is not "changed".</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes(Sql.Replace("\r\n", "\n", StringComparison.Ordinal))));

    public static IReadOnlyList<MigrationFile> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MigrationException($"Migrations directory '{directory}' does not exist (setting Database:MigrationsPath).");
        }

        var files = new List<MigrationFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var fileName = Path.GetFileName(path);
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new MigrationException(
                    $"Migration file '{path}' is not named NNNN_description.sql (four digits, an underscore, lower-case words).");
            }
            files.Add(new MigrationFile(int.Parse(match.Groups[1].Value), fileName, File.ReadAllText(path)));
        }

        var clash = files.GroupBy(f => f.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new MigrationException(
                $"Migration version {clash.Key:D4} is used by more than one file: {string.Join(", ", clash.Select(f => f.FileName))}.");
        }
        return files.OrderBy(f => f.Version).ToList();
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
    private static partial Regex FileNamePattern();
}

public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
