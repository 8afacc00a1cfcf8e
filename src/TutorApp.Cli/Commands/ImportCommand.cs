using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Audit;
using TutorApp.Data.Content;
using TutorApp.Domain.Audit;
using TutorApp.Data.Practice;

namespace TutorApp.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Import problems into the bank, all or nothing, in one transaction.");
        command.Subcommands.Add(Format("gsm8k", ImportFormat.Gsm8k,
            "GSM8K JSON Lines (question, answer with <<a*b=c>> annotations and '#### N'), as drafts for the admin's review queue unless --publish."));
        command.Subcommands.Add(Format("mathdial", ImportFormat.MathDial,
            "MathDial dialogues as CSV or JSON Lines: problems plus the students' misconceptions, as drafts for review unless --publish."));
        command.Subcommands.Add(Format("bank", ImportFormat.Bank,
            "A TutorApp bank JSON file (docs/bank.schema.json), e.g. from 'tutor export bank'; each version keeps the status the file gives it."));
        command.Subcommands.Add(Interactions());
        return command;
    }

    private static Command Interactions()
    {
        var path = new Argument<string>("path") { Description = "A DKVMN folder (its *_train.csv and *_test.csv) or one DKVMN file, e.g. $TUTOR_DATA_DIR/kt/assist2009." };
        var name = new Option<string>("--name") { Description = "Short name of the data set (accounts are <name>-00001@import.invalid ...).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable summary." };
        var command = new Command("interactions",
            "Import recorded practice as interactions with PostgreSQL COPY, in one transaction: one new student per learner sequence, skills by name.")
        {
            path, name, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            try
            {
                var report = await scope.ServiceProvider.GetRequiredService<InteractionImport>()
                    .ImportDkvmnAsync(parseResult.GetValue(path)!, parseResult.GetValue(name)!, cancellationToken);
                Console.WriteLine(parseResult.GetValue(json)
                    ? JsonSerializer.Serialize(report, CliJson.Options)
                    : $"{report.Dataset}: {report.Interactions:N0} interactions of {report.Students:N0} students from {string.Join(", ", report.Files)}; " +
                      $"{report.SkillsCreated} new skills; {report.Seconds:0.##} s in all, COPY at {report.InteractionsPerSecond:N0} rows/s.");
                return 0;
            }
            catch (InteractionImportException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Format(string name, ImportFormat format, string description)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to import." };
        var lenient = new Option<bool>("--lenient") { Description = "Skip bad records and report them instead of failing the import." };
        var json = new Option<bool>("--json") { Description = "Print a machine-readable summary." };
        var command = new Command(name, description) { file, lenient, json };
        // Generated questions are reviewed before students get them; publishing at once is for demos, evaluation runs and tests.
        var publish = new Option<bool>("--publish") { Description = "Publish the imported problems at once instead of leaving them as drafts for review." };
        if (format != ImportFormat.Bank)
        {
            command.Options.Add(publish);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var import = scope.ServiceProvider.GetRequiredService<ContentImport>();
            var path = parseResult.GetValue(file)!.FullName;
            var asJson = parseResult.GetValue(json);
            try
            {
                var publishing = format != ImportFormat.Bank && parseResult.GetValue(publish) ? ImportPublishing.PublishAtOnce : ImportPublishing.Drafts;
                var report = await import.ImportFileAsync(path, format, parseResult.GetValue(lenient), publishing, cancellationToken: cancellationToken);
                await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditActor.CommandLine, AuditActions.BankImport, report.File,
                    $"{format}{(parseResult.GetValue(lenient) ? ", lenient" : "")}{(publishing == ImportPublishing.PublishAtOnce ? ", published at once" : "")}: " +
                    $"{report.Summary.ProblemsImported} problem(s) imported, {report.Skipped.Count} record(s) skipped", cancellationToken);
                Print(report, asJson);
                return 0;
            }
            catch (ImportFailedException ex)
            {
                if (asJson)
                {
                    Console.WriteLine(JsonSerializer.Serialize(new { ok = false, file = path, errors = ex.Problems }, CliJson.Options));
                }
                else
                {
                    Console.Error.WriteLine($"error: {Path.GetFileName(path)}: import failed, nothing was imported.");
                    foreach (var problem in ex.Problems.Take(50))
                    {
                        Console.Error.WriteLine($"  {problem}");
                    }
                    if (ex.Problems.Count > 50)
                    {
                        Console.Error.WriteLine($"  ... and {ex.Problems.Count - 50} more");
                    }
                }
                return 1;
            }
        });
        return command;
    }

    private static void Print(ImportReport report, bool asJson)
    {
        var summary = report.Summary;
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                ok = true,
                file = report.File,
                records = report.RecordsRead,
                imported = summary.ProblemsImported,
                alreadyPresent = summary.ProblemsAlreadyPresent,
                skipped = report.Skipped.Count,
                skillsCreated = summary.SkillsCreated,
                steps = summary.Steps,
                trees = summary.QuestionNodes,
                misconceptions = summary.Misconceptions,
                draftsToReview = summary.DraftsToReview,
                flaggedQuestions = summary.FlaggedQuestions,
                seconds = summary.Seconds,
                skippedRecords = report.Skipped,
            }, CliJson.Options));
            return;
        }
        Console.WriteLine($"{report.File}: {summary.ProblemsImported} problem(s) imported, {summary.ProblemsAlreadyPresent} already present, " +
            $"{report.Skipped.Count} skipped; {summary.Steps} steps, {summary.QuestionNodes} question nodes, {summary.Misconceptions} misconceptions, " +
            $"{summary.SkillsCreated} new skills; {summary.Seconds:0.##} s.");
        if (summary.DraftsToReview > 0)
        {
            Console.WriteLine($"  {summary.DraftsToReview} draft(s) wait in the review queue (/admin/review), {summary.FlaggedQuestions} flagged question(s) first; " +
                "students get them once published (or import again with --publish).");
        }
        foreach (var skipped in report.Skipped.Take(50))
        {
            Console.WriteLine($"  skipped: {skipped}");
        }
    }
}
