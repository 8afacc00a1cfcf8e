using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Mastery;
using TutorApp.KnowledgeTracing;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor mastery ...</c>: maintenance of the stored mastery.</summary>
internal static class MasteryCommand
{
    public static Command Create() => new("mastery", "Mastery maintenance.")
    {
        Recompute(),
    };

    private static Command Recompute()
    {
        var batchSize = new Option<int>("--batch-size") { Description = "Students per transaction.", DefaultValueFactory = _ => 200 };
        var parallelism = new Option<int>("--parallelism")
        {
            Description = "Students traced at once within a batch (default: the number of CPU cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("recompute",
            "Rebuild every student's mastery, snapshots and tracer state from their whole history with the configured model " +
            "(KnowledgeTracing:Model). Run it after changing the model.") { batchSize, parallelism };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var batch = parseResult.GetValue(batchSize);
            var parallel = parseResult.GetValue(parallelism);
            if (batch < 1 || parallel < 1)
            {
                Console.Error.WriteLine("error: --batch-size and --parallelism must be at least 1");
                return 1;
            }
            using var host = CliHost.Build();
            var status = host.Services.GetRequiredService<KnowledgeTracingStatus>();
            if (status.FallbackReason is { } reason)
            {
                // Recomputing with the fallback would overwrite everyone's mastery with BKT's: refuse instead.
                Console.Error.WriteLine($"error: the configured model could not be loaded ({reason}); fix KnowledgeTracing:Model or set it to 'bkt'.");
                return 1;
            }
            Console.WriteLine($"Recomputing mastery with {status.Tracer} on {status.Provider} ...");
            var progress = new Progress<int>(done => Console.WriteLine($"  {done:N0} students done"));
            var summary = await host.Services.GetRequiredService<MasteryRecompute>().RunAsync(batch, parallel, progress, cancellationToken);
            Console.WriteLine($"Recomputed {summary.Students:N0} students ({summary.Interactions:N0} interactions) with {summary.Model} " +
                $"in {summary.Elapsed.TotalSeconds:N1} s.");
            return 0;
        });
        return command;
    }
}
