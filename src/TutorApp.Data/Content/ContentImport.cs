using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Data.Content;

public enum ImportFormat
{
    /// <summary>TutorApp bank JSON (docs/bank.schema.json).</summary>
    Bank,
    /// <summary>GSM8K JSON Lines: {"question", "answer"} per line.</summary>
    Gsm8k,
    /// <summary>MathDial, as CSV or JSON Lines (chosen by the file extension).</summary>
    MathDial,
}

/// <summary>What an import of generated questions (GSM8K, MathDial) gives students.</summary>
public enum ImportPublishing
{
    /// <summary>Nothing yet: the new problems are drafts in the admin's review queue, flagged questions first.</summary>
    Drafts,
    /// <summary>Everything at once (demo seeding, evaluation runs, tests that need published problems).</summary>
    PublishAtOnce,
}

/// <param name="Skipped">Records left out in lenient mode, each naming file, line and field.</param>
public sealed record ImportReport(string File, int RecordsRead, ImportSummary Summary, IReadOnlyList<string> Skipped);

/// <summary>The import failed and nothing was stored; <see cref="Problems"/> names every problem found.</summary>
public sealed class ImportFailedException(string file, IReadOnlyList<string> problems)
    : Exception($"{file}: import failed, nothing was imported ({problems.Count} problem(s)): " + string.Join("; ", problems.Take(20)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Every import (CLI and admin upload) goes through here: size limit, parsing, strict or lenient handling of bad
/// records, then one all-or-nothing write by <see cref="BankImporter"/>. Generated questions land as drafts for review
/// unless <see cref="ImportPublishing.PublishAtOnce"/> is asked for; a bank file keeps each version's own status (it was
/// written, or exported, by people), so the choice does not change it.
/// </summary>
public sealed class ContentImport(
    BankImporter importer, IDbContextFactory<TutorDbContext> contextFactory, IOptions<ImportOptions> options, TimeProvider clock)
{
    public async Task<ImportReport> ImportFileAsync(string path, ImportFormat format, bool lenient, ImportPublishing publishing,
        string? authorId = null, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new ImportFailedException(path, ["the file does not exist"]);
        }
        await using var stream = file.OpenRead();
        return await ImportAsync(stream, file.Name, file.Length, format, lenient, publishing, authorId, cancellationToken);
    }

    /// <param name="length">The stream's length when known (refused before reading when over the limit).</param>
    public async Task<ImportReport> ImportAsync(Stream stream, string fileName, long? length, ImportFormat format, bool lenient,
        ImportPublishing publishing, string? authorId = null, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.MaxFileBytes;
        if (length > limit)
        {
            throw new ImportFailedException(fileName, [$"the file is {length:N0} bytes, over the limit of {limit:N0} bytes (setting Import:MaxFileBytes)"]);
        }
        var text = await ReadLimitedAsync(stream, fileName, limit, cancellationToken);

        var parsed = Parse(text, fileName, format);
        var skipped = parsed.Issues.Select(i => i.ToString()).ToList();
        if (skipped.Count > 0 && !lenient)
        {
            throw new ImportFailedException(fileName, skipped);
        }

        var document = parsed.Document;
        if (lenient)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var storedSkills = await db.Skills.Select(s => s.Name).ToListAsync(cancellationToken);
            (document, var invalid) = DropInvalidProblems(document, storedSkills);
            skipped.AddRange(invalid);
        }
        ImportReview? review = null;
        if (format != ImportFormat.Bank)
        {
            if (publishing == ImportPublishing.PublishAtOnce)
            {
                document = ImportedBank.Published(document, clock.GetUtcNow());
            }
            else
            {
                review = new ImportReview(fileName, clock.GetUtcNow(), parsed.QuestionFlags);
            }
        }
        try
        {
            var summary = await importer.ImportAsync(document, authorId, review, cancellationToken);
            return new ImportReport(fileName, parsed.RecordsRead, summary, skipped);
        }
        catch (ContentValidationException ex)
        {
            throw new ImportFailedException(fileName, ex.Issues.Select(i => $"{fileName}: {i.Path}: {i.Message}").ToList());
        }
    }

    private ParsedBank Parse(string text, string fileName, ImportFormat format)
    {
        using var reader = new StringReader(text);
        switch (format)
        {
            case ImportFormat.Gsm8k:
                var prefix = "gsm8k-" + Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
                return Gsm8kParser.Parse(reader, fileName, prefix, clock.GetUtcNow());
            case ImportFormat.MathDial:
                return fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                    ? MathDialParser.ParseCsv(reader, fileName, clock.GetUtcNow())
                    : MathDialParser.ParseJsonl(reader, fileName, clock.GetUtcNow());
            default:
                try
                {
                    var document = BankJson.Read(text, fileName);
                    return new ParsedBank(document, [], document.Problems.Count, []);
                }
                catch (BankFormatException ex)
                {
                    throw new ImportFailedException(fileName, [ex.Message]);
                }
        }
    }

    /// <summary>In lenient mode a problem with errors is left out (and reported) instead of failing the whole file.</summary>
    private static (BankDocument Document, List<string> Skipped) DropInvalidProblems(BankDocument document, IEnumerable<string> storedSkills)
    {
        var skipped = new List<string>();
        var kept = new List<BankProblem>();
        var skillNames = document.Skills.Select(s => s.Name).Concat(storedSkills).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in document.Problems)
        {
            var errors = problem.Versions.SelectMany(v => ContentValidator.Validate(v, skillNames))
                .Where(i => i.Severity == IssueSeverity.Error).ToList();
            if (errors.Count == 0)
            {
                kept.Add(problem);
            }
            else
            {
                skipped.Add($"problem {problem.Key}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}"))}");
            }
        }
        return (document with { Problems = kept }, skipped);
    }

    private static async Task<string> ReadLimitedAsync(Stream stream, string fileName, long limit, CancellationToken cancellationToken)
    {
        // An upload's length may be unknown: stop reading as soon as the limit is passed.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ImportFailedException(fileName, [$"the file is over the limit of {limit:N0} bytes (setting Import:MaxFileBytes)"]);
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ImportFailedException(fileName, ["the file is not UTF-8 text"]);
        }
    }
}
