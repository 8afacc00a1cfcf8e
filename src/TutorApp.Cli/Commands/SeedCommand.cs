using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Cli.LoadTesting;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.Data;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor seed students N</c> (accounts a load test signs in as) and <c>tutor seed school ...</c> (synthetic data at scale).</summary>
internal static class SeedCommand
{
    public static Command Create() => new("seed", "Generate synthetic data: load-test accounts, a whole school.") { Students(), School() };

    private static Command Students()
    {
        var count = new Argument<int>("count") { Description = "How many students: load-0001@loadtest.invalid ... (existing ones are kept)." };
        var password = new Option<string>("--password") { Description = "Their password.", DefaultValueFactory = _ => LoadTestAccounts.DefaultPassword };
        var command = new Command("students", "Create N student accounts for 'tutor loadtest' in the configured database.") { count, password };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var n = parseResult.GetValue(count);
            if (n is < 1 or > 100_000)
            {
                Console.Error.WriteLine("error: count must be between 1 and 100000.");
                return 1;
            }
            using var host = CliHost.Build(builder => builder.Services.AddIdentityCore<ApplicationUser>()
                .AddRoles<IdentityRole>().AddEntityFrameworkStores<TutorDbContext>());
            using var scope = host.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var progress = new Progress<int>(done =>
            {
                if (done % 100 == 0)
                {
                    Console.Error.WriteLine($"seed: {done}/{n}");
                }
            });
            try
            {
                var created = await LoadTestAccounts.EnsureAsync(users, n, parseResult.GetValue(password)!, progress, cancellationToken);
                Console.WriteLine($"{created} student account(s) created, {n - created} already present: {LoadTestAccounts.Email(1)} .. {LoadTestAccounts.Email(n)}.");
                return 0;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

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
