using System.Net.Mail;
using CsvHelper;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Domain.Classes;

/// <summary>One student of a roster file: the line it came from and the email of their account.</summary>
public sealed record RosterEntry(int Line, string Email);

public sealed record ParsedRoster(IReadOnlyList<RosterEntry> Entries, IReadOnlyList<ImportIssue> Issues);

/// <summary>
/// Reads a class roster CSV: a header with an <c>email</c> column (other columns, such as a name, are allowed and
/// ignored, so a school system's export can be used as it is) and one student per line. Problems are reported per line;
/// whether the students exist is the importer's question, not the parser's.
/// </summary>
public static class RosterParser
{
    public const string EmailColumn = "email";

    public static ParsedRoster Parse(TextReader reader, string fileName)
    {
        var entries = new List<RosterEntry>();
        var issues = new List<ImportIssue>();
        var firstLineOfEmail = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var options = UploadedCsv.Options((line, reason) => issues.Add(new ImportIssue(fileName, line, "line", reason)));
        try
        {
            using var csv = CsvReader.Create(reader, options, leaveOpen: true);
            var emailColumn = csv.Headers.FirstOrDefault(h => h.Trim().Equals(EmailColumn, StringComparison.OrdinalIgnoreCase));
            if (emailColumn is null)
            {
                issues.Add(new ImportIssue(fileName, 1, EmailColumn, "the header has no \"email\" column"));
                return new ParsedRoster([], issues);
            }
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                var email = csv.GetString(emailColumn).Trim();
                if (email.Length == 0)
                {
                    issues.Add(new ImportIssue(fileName, line, EmailColumn, "empty"));
                }
                else if (!IsEmail(email))
                {
                    issues.Add(new ImportIssue(fileName, line, EmailColumn, $"\"{email}\" is not an email address"));
                }
                else if (firstLineOfEmail.TryGetValue(email, out var first))
                {
                    issues.Add(new ImportIssue(fileName, line, EmailColumn, $"\"{email}\" is already on line {first}"));
                }
                else
                {
                    firstLineOfEmail[email] = line;
                    entries.Add(new RosterEntry(line, email));
                }
            }
        }
        catch (Exception exception) when (exception is CsvFormatException or InvalidDataException)
        {
            issues.Add(new ImportIssue(fileName, 1, "file", $"unreadable CSV: {exception.Message}"));
        }
        if (entries.Count == 0 && issues.Count == 0)
        {
            issues.Add(new ImportIssue(fileName, 1, "file", "the roster lists no students"));
        }
        return new ParsedRoster(entries, issues);
    }

    private static bool IsEmail(string text) =>
        text.Length <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);
}
