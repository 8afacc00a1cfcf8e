using System.CommandLine;
using TutorApp.Cli.Commands;

var root = new RootCommand("TutorApp command line: database, import and evaluation commands.")
{
    MigrateCommand.Create(),
    ImportCommand.Create(),
    ExportCommand.Create(),
    KtCommand.Create(),
    SeedCommand.Create(),
    MasteryCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
