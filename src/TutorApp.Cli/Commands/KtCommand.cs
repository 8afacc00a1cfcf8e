using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TutorApp.Data;
using TutorApp.Domain.Mastery;
using TutorApp.KnowledgeTracing;
using TutorApp.KnowledgeTracing.Evaluation;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor kt ...</c>: evaluate knowledge-tracing models through the C# ONNX path, export interactions for training.</summary>
internal static class KtCommand
{
    public static Command Create() => new("kt", "Knowledge tracing: evaluate models, export interactions, fit BKT.")
    {
        Evaluate(),
        ExportInteractions(),
        FitBkt(),
    };

    private static Command Evaluate()
    {
        var model = new Option<string>("--model") { Description = "A model card (.card.json), an .onnx with its card beside it, or 'bkt' (EM-fitted per fold).", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "A DKVMN-format folder (e.g. $TUTOR_DATA_DIR/kt/assist2009).", Required = true };
        var fold = new Option<int?>("--fold") { Description = "bkt only: the train fold to fit on (1..5); all five when left out." };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON." };
        var command = new Command("evaluate", "AUC, accuracy and RMSE on the folder's test file, computed through the C# ONNX Runtime path.") { model, data, fold, json };
        command.SetAction((parseResult, _) =>
        {
            var dataDir = parseResult.GetValue(data)!.FullName;
            var modelArg = parseResult.GetValue(model)!;
            var asJson = parseResult.GetValue(json);
            try
            {
                IReadOnlyList<KtEvaluation> results;
                if (string.Equals(modelArg, "bkt", StringComparison.OrdinalIgnoreCase))
                {
                    var folds = parseResult.GetValue(fold) is { } f ? [f] : Enumerable.Range(1, 5).ToArray();
                    results = folds.Select(f => KtEvaluator.EvaluateBkt(dataDir, f)).ToList();
                }
                else
                {
                    using var loaded = KtModel.Load(Path.GetFullPath(modelArg), SessionSettings());
                    results = [KtEvaluator.Evaluate(loaded, dataDir)];
                }
                Print(results, asJson);
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is OnnxRuntimeException or ModelCardException or IOException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(1);
            }
        });
        return command;
    }

    private static KtSessionSettings SessionSettings()
    {
        using var host = CliHost.Build();
        var options = host.Services.GetRequiredService<IConfiguration>().GetSection(KnowledgeTracingOptions.Section).Get<KnowledgeTracingOptions>() ?? new();
        return options.SessionSettings();
    }

    private static void Print(IReadOnlyList<KtEvaluation> results, bool asJson)
    {
        if (asJson)
        {
            Console.WriteLine(JsonSerializer.Serialize(results.Count == 1 ? (object)results[0] : new
            {
                folds = results,
                mean_auc = results.Average(r => r.Test.Auc),
                std_auc = Std(results.Select(r => r.Test.Auc).ToList()),
            }, CliJson.Options));
            return;
        }
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Model}{(r.Fold is { } f ? $" (fold {f})" : "")} on {Path.GetFileName(r.Data)} test, provider {r.Provider}, {r.Seconds:F1} s");
            Console.WriteLine($"  AUC {r.Test.Auc:F4}  ACC {r.Test.Acc:F4}  RMSE {r.Test.Rmse:F4}  BCE {r.Test.Bce:F4}  ({r.Test.N} scored interactions)");
            Console.WriteLine($"  without the {r.DuplicateTestSequences} test sequences that also occur in train: AUC {r.TestWithoutTrainDuplicates.Auc:F4}");
            if (r.PythonTestAuc is { } python)
            {
                var difference = r.Test.Auc - python;
                Console.WriteLine($"  PyTorch test AUC in the card {python:F5} (difference {(difference >= 0 ? "+" : "")}{difference:F5})");
            }
        }
        if (results.Count > 1)
        {
            Console.WriteLine($"mean AUC {results.Average(r => r.Test.Auc):F4} +/- {Std(results.Select(r => r.Test.Auc).ToList()):F4} over {results.Count} folds");
        }
    }

    private static double Std(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static Command ExportInteractions()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the CSV (student_id, step_id, skill_ids, correct, timestamp, hints_used, session_id)." };
        var command = new Command("export-interactions", "Write every step attempt as the CSV that src/kt-training trains on.") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            var factory = host.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var path = parseResult.GetValue(file)!.FullName;
            var rows = db.Interactions.AsNoTracking()
                .OrderBy(i => i.StudentId).ThenBy(i => i.OccurredAt).ThenBy(i => i.Id)
                .Select(i => new InteractionRow(i.StudentId, i.StepId, new[] { i.SkillId }, i.Correct, i.OccurredAt, i.HintsUsed, i.SessionId))
                .AsAsyncEnumerable();
            await using var writer = new StreamWriter(path);
            var count = await InteractionCsv.WriteAsync(writer, rows, cancellationToken);
            Console.WriteLine($"Wrote {count} interactions to {path}.");
            return 0;
        });
        return command;
    }

    private static Command FitBkt()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the fitted parameters (JSON, for KnowledgeTracing:BktParameters)." };
        var command = new Command("fit-bkt", "Fit BKT per skill by EM on all stored interactions; skills with too few attempts keep the defaults.") { file };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            var factory = host.Services.GetRequiredService<IDbContextFactory<TutorDbContext>>();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var attempts = await db.Interactions.AsNoTracking()
                .OrderBy(i => i.StudentId).ThenBy(i => i.OccurredAt).ThenBy(i => i.Id)
                .Select(i => new { i.StudentId, Attempt = new SkillAttempt(i.SkillId, i.Correct, i.OccurredAt) })
                .ToListAsync(cancellationToken);
            var fits = BktFitter.Fit(attempts.GroupBy(a => a.StudentId).Select(g => (IReadOnlyList<SkillAttempt>)g.Select(a => a.Attempt).ToList()));
            var path = parseResult.GetValue(file)!.FullName;
            BktParameterFile.Write(path, fits.Where(kv => kv.Value.Fitted).ToDictionary(kv => kv.Key, kv => kv.Value.Parameters));
            Console.WriteLine($"Fitted {fits.Count(kv => kv.Value.Fitted)} of {fits.Count} skills ({attempts.Count} attempts); wrote {path}.");
            return 0;
        });
        return command;
    }
}
