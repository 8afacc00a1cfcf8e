using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Seeding;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor seed school ...</c>: synthetic data at scale, for benchmarks and load tests.</summary>
internal static class SeedCommand
{
    public static Command Create() => new("seed", "Generate synthetic data.")
    {
        School(),
    };

    private static Command School()
    {
        var name = new Option<string>("--name") { Description = "Prefix of the school's skills, problems, classes and emails.", DefaultValueFactory = _ => "school" };
        var students = new Option<int>("--students") { DefaultValueFactory = _ => 2_000 };
        var teachers = new Option<int>("--teachers") { DefaultValueFactory = _ => 30 };
        var classes = new Option<int>("--classes") { DefaultValueFactory = _ => 60 };
        var classSize = new Option<int>("--class-size") { DefaultValueFactory = _ => 40 };
        var skills = new Option<int>("--skills") { DefaultValueFactory = _ => 100 };
        var groups = new Option<int>("--skill-groups") { DefaultValueFactory = _ => 10 };
        var interactions = new Option<long>("--interactions") { DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--random-seed") { DefaultValueFactory = _ => 7 };
        var command = new Command("school",
            "Seed a synthetic school: skills in groups, problems, teachers, students, classes and a history of tutoring sessions " +
            "(turns and attempts, written with COPY), then compute everyone's mastery with the configured model.")
        {
            name, students, teachers, classes, classSize, skills, groups, interactions, seed,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var spec = new SchoolSpec(parseResult.GetValue(name)!, parseResult.GetValue(students), parseResult.GetValue(teachers), parseResult.GetValue(classes),
                parseResult.GetValue(classSize), parseResult.GetValue(skills), parseResult.GetValue(groups), parseResult.GetValue(interactions),
                parseResult.GetValue(seed));
            using var host = CliHost.Build();
            await using var scope = host.Services.CreateAsyncScope();
            var seeder = ActivatorUtilities.CreateInstance<SchoolSeeder>(scope.ServiceProvider);
            try
            {
                var summary = await seeder.SeedAsync(spec, new Progress<string>(step => Console.WriteLine($"  {step}")), cancellationToken);
                Console.WriteLine($"Seeded '{spec.Name}': {summary.Students:N0} students, {summary.Teachers:N0} teachers, {summary.Classes:N0} classes, " +
                    $"{summary.Skills:N0} skills, {summary.Problems:N0} problems, {summary.Sessions:N0} sessions, {summary.Turns:N0} turns, " +
                    $"{summary.Interactions:N0} attempts.");
                Console.WriteLine($"Seconds: content {summary.Content.TotalSeconds:N1}, users and classes {summary.Users.TotalSeconds:N1}, " +
                    $"sessions and attempts {summary.Activity.TotalSeconds:N1}, mastery {summary.Mastery.TotalSeconds:N1}.");
                Console.WriteLine($"Accounts: teacher0001@{spec.Name}.seed.test ... student0001@{spec.Name}.seed.test ..., password {summary.Password}");
                return 0;
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"error: {exception.Message}");
                return 1;
            }
        });
        return command;
    }
}
