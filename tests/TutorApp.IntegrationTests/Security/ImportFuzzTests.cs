using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data;
using TutorApp.Data.Content;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Content.Bank;
using TutorApp.TestSupport;
using Xunit.Abstractions;

namespace TutorApp.IntegrationTests.Security;

/// <summary>
/// Damaged import files (cut short, bytes flipped, values of the wrong type, huge values, invalid UTF-8) through the one
/// import pipeline on the real database: each either imports or fails with <see cref="ImportFailedException"/> naming the
/// file, never another exception or a hang, and a failed import leaves the bank exactly as it was. Seeded; counts printed.
/// </summary>
public sealed class ImportFuzzTests(ContentFixture content, ITestOutputHelper output) : IClassFixture<ContentFixture>
{
    private const int Seed = 4242;
    private const int InputsPerFormat = 150;
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(120);

    public static TheoryData<ImportFormat, string> Formats() => new()
    {
        { ImportFormat.Bank, "bank.json" },
        { ImportFormat.Gsm8k, "fuzz.jsonl" },
        { ImportFormat.MathDial, "fuzz.csv" },
        { ImportFormat.MathDial, "fuzz.jsonl" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Damaged_files_import_or_fail_clearly_and_a_failure_writes_nothing(ImportFormat format, string fileName)
    {
        var valid = ValidFile(format, fileName);
        var fuzz = new FuzzInputs(Seed + (int)format * 1000 + fileName.Length);
        var (imported, refused) = (0, 0);
        for (var i = 0; i < InputsPerFormat; i++)
        {
            var input = fuzz.Damage(valid);
            var before = await RowCountsAsync();
            try
            {
                await ImportAsync(input, fileName, format, $"{format} input #{i} (seed {Seed})");
                imported++;
            }
            catch (ImportFailedException failed)
            {
                refused++;
                Assert.StartsWith(fileName, failed.Message);
                Assert.NotEmpty(failed.Problems);
                Assert.All(failed.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p)));
                Assert.Equal(before, await RowCountsAsync());
            }
        }
        output.WriteLine($"{format} {fileName}: {InputsPerFormat} damaged inputs tried (seed {Seed}): {imported} imported, {refused} refused with a clear error");
        Assert.True(refused > 0);
    }

    [Fact]
    public async Task An_oversized_file_is_refused_before_parsing()
    {
        var huge = Encoding.UTF8.GetBytes("{\"question\": \"" + new string('9', 21 * 1024 * 1024) + "\"}\n");
        var failed = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(huge, "huge.jsonl", ImportFormat.Gsm8k, "21 MB"));
        Assert.Contains("over the limit", failed.Message);
    }

    private async Task ImportAsync(byte[] input, string fileName, ImportFormat format, string what)
    {
        using var scope = content.Services.CreateScope();
        await using var stream = new MemoryStream(input);
        try
        {
            await content.Get<ContentImport>(scope).ImportAsync(stream, fileName, input.Length, format, lenient: false, ImportPublishing.Drafts).WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"No answer within {HangLimit.TotalSeconds} s (a hang): {what}");
        }
    }

    private static byte[] ValidFile(ImportFormat format, string fileName) => format switch
    {
        ImportFormat.Bank => Encoding.UTF8.GetBytes(BankJson.Write(SampleContent.Create(DateTimeOffset.UnixEpoch))),
        ImportFormat.Gsm8k => FirstLines(TestData.File("gsm8k", "test.jsonl"), 3),
        _ when fileName.EndsWith(".csv", StringComparison.Ordinal) => FirstLines(TestData.File("mathdial", "dev.csv"), 4),
        _ => FirstLines(TestData.File("mathdial", "dev.jsonl"), 2),
    };

    /// <summary>The header and first records of a data file; a CSV record may span lines inside quotes, so newlines are counted outside them.</summary>
    private static byte[] FirstLines(string path, int records)
    {
        var text = File.ReadAllText(path);
        var (inQuotes, newlines) = (false, 0);
        var wanted = path.EndsWith(".csv", StringComparison.Ordinal) ? records + 1 : records;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && path.EndsWith(".csv", StringComparison.Ordinal))
            {
                inQuotes = !inQuotes;
            }
            else if (text[i] == '\n' && !inQuotes && ++newlines == wanted)
            {
                return Encoding.UTF8.GetBytes(text[..(i + 1)]);
            }
        }
        return Encoding.UTF8.GetBytes(text);
    }

    private async Task<(int Problems, int Versions, int Steps, int Skills, int Nodes)> RowCountsAsync()
    {
        using var scope = content.Services.CreateScope();
        await using var db = await content.Get<IDbContextFactory<TutorDbContext>>(scope).CreateDbContextAsync();
        return (await db.Problems.CountAsync(), await db.ProblemVersions.CountAsync(), await db.Steps.CountAsync(),
            await db.Skills.CountAsync(), await db.QuestionNodes.CountAsync());
    }
}
