using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Data.Hosting;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.IntegrationTests;

/// <summary>The published JSON Schema (docs/bank.schema.json) describes what export really writes.</summary>
public sealed class BankSchemaTests(ContentFixture content) : IClassFixture<ContentFixture>
{
    [Fact]
    public async Task An_export_of_every_kind_of_content_is_valid_against_the_published_schema()
    {
        using var scope = content.Services.CreateScope();
        await content.Get<BankImporter>(scope).ImportAsync(RichBank.Create());
        var exported = Path.Combine(Path.GetTempPath(), $"tutor-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(exported, BankJson.Write(await content.Get<BankExporter>(scope).ExportAsync()));
        var schema = Path.Combine(ContentRoot.Find(), "docs", "bank.schema.json");

        try
        {
            var (exitCode, output) = await RunValidatorAsync(schema, exported);
            Assert.True(exitCode == 0, "The export does not match docs/bank.schema.json:\n" + output);

            var broken = (await File.ReadAllTextAsync(exported)).Replace("\"move\": \"focus\"", "\"move\": \"lecturing\"");
            await File.WriteAllTextAsync(exported, broken);
            var (brokenExit, brokenOutput) = await RunValidatorAsync(schema, exported);
            Assert.True(brokenExit != 0, "The schema accepted a move that does not exist.");
            Assert.Contains("lecturing", brokenOutput);
        }
        finally
        {
            File.Delete(exported);
        }
    }

    // Python's jsonschema (Debian python3-jsonschema, installed by infra/setup.sh): no JSON Schema validator for .NET restores here.
    private static async Task<(int ExitCode, string Output)> RunValidatorAsync(string schema, string document)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList =
            {
                "-c",
                "import json, sys, jsonschema\n" +
                "schema = json.load(open(sys.argv[1])); document = json.load(open(sys.argv[2]))\n" +
                "errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))\n" +
                "[print(list(e.absolute_path), e.message) for e in errors[:20]]\n" +
                "sys.exit(1 if errors else 0)",
                schema,
                document,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }
}
