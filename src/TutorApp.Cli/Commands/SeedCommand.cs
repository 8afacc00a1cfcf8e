using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Cli.LoadTesting;
using TutorApp.Data;
using TutorApp.Data.Identity;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor seed students N</c>: the student accounts a load test signs in as.</summary>
internal static class SeedCommand
{
    public static Command Create() => new("seed", "Create accounts for load tests.") { Students() };

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
}
