using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Migrations;

namespace TutorApp.Cli.Commands;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var statusOption = new Option<bool>("--status") { Description = "List pending migrations without applying them." };
        var command = new Command("migrate", "Apply pending SQL migrations from migrations/ to the configured database.") { statusOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            var runner = host.Services.GetRequiredService<MigrationRunner>();
            try
            {
                if (parseResult.GetValue(statusOption))
                {
                    var pending = await runner.GetPendingAsync(cancellationToken);
                    Console.WriteLine(pending.Count == 0 ? "Up to date: no pending migrations." : $"{pending.Count} pending:");
                    foreach (var file in pending)
                    {
                        Console.WriteLine($"  {file.FileName}");
                    }
                    return 0;
                }

                var applied = await runner.ApplyAsync(cancellationToken);
                Console.WriteLine(applied.Count == 0
                    ? "Up to date: no pending migrations."
                    : $"Applied {applied.Count} migration(s): {string.Join(", ", applied.Select(f => f.FileName))}");
                return 0;
            }
            catch (MigrationException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
