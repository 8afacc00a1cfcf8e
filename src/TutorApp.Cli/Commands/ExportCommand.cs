using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "Where to write the bank JSON." };
        var bank = new Command("bank", "Write the whole bank (skills, problems, every version) as TutorApp bank JSON.") { file };
        bank.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            using var scope = host.Services.CreateScope();
            var document = await scope.ServiceProvider.GetRequiredService<BankExporter>().ExportAsync(cancellationToken);
            var path = parseResult.GetValue(file)!.FullName;
            await File.WriteAllTextAsync(path, BankJson.Write(document), cancellationToken);
            Console.WriteLine($"Wrote {document.Skills.Count} skills and {document.Problems.Count} problems to {path}.");
            return 0;
        });
        return new Command("export", "Export content from the bank.") { bank };
    }
}
