using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using TutorApp.Data.Classes;
using TutorApp.Data.Identity;
using TutorApp.Data.Content;
using TutorApp.Domain.Classes;

namespace TutorApp.Data.Seeding;

public sealed record DemoAccount(string Email, string Password, string Role, string DisplayName);

/// <summary>
/// Development-only accounts and a sample problem, so a fresh checkout can be tried at once.
/// Roles themselves are reference data and come from a migration, in every environment.
/// </summary>
public sealed class DemoDataSeeder(
    UserManager<ApplicationUser> users,
    BankImporter importer,
    SchoolClasses classes,
    TimeProvider clock,
    IDbContextFactory<TutorDbContext> contextFactory,
    ILogger<DemoDataSeeder> logger)
{
    // Distinct from the migration lock; held while seeding so two instances starting together do not both seed.
    private const long AdvisoryLockKey = 0x5455544f52534544;

    public const string DemoClassName = "Demo class";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("student@demo.tutor", "Student-demo-1", Roles.Student, "Sam Student"),
        new("teacher@demo.tutor", "Teacher-demo-1", Roles.Teacher, "Tess Teacher"),
        new("admin@demo.tutor", "Admin-demo-1", Roles.Admin, "Ada Admin"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            foreach (var account in Accounts)
            {
                await EnsureAccountAsync(account);
            }
            if (!await db.Problems.AnyAsync(cancellationToken))
            {
                await importer.ImportAsync(SampleContent.Create(clock.GetUtcNow()), authorId: null, cancellationToken: cancellationToken);
                logger.LogInformation("Seeded the sample problem '{Title}'", SampleContent.ProblemTitle);
            }
            await EnsureDemoClassAsync(db, cancellationToken);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The demo teacher's class with the demo student in it, so the dashboard has someone to show.</summary>
    private async Task EnsureDemoClassAsync(TutorDbContext db, CancellationToken cancellationToken)
    {
        var teacher = await users.FindByEmailAsync(Accounts.Single(a => a.Role == Roles.Teacher).Email);
        var student = await users.FindByEmailAsync(Accounts.Single(a => a.Role == Roles.Student).Email);
        if (teacher is null || student is null || await db.Classes.AnyAsync(c => c.TeacherId == teacher.Id, cancellationToken))
        {
            return;
        }
        var created = await classes.CreateAsync(teacher.Id, DemoClassName, cancellationToken);
        db.ClassMembers.Add(new ClassMember { ClassId = created.Id, StudentId = student.Id, JoinedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo class '{Name}' (join code {Code})", created.Name, created.JoinCode);
    }

    private async Task EnsureAccountAsync(DemoAccount account)
    {
        if (await users.FindByEmailAsync(account.Email) is not null)
        {
            return;
        }

        var user = new ApplicationUser
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
        };
        Check(await users.CreateAsync(user, account.Password), account);
        Check(await users.AddToRoleAsync(user, account.Role), account);
        logger.LogInformation("Seeded demo account {Email} ({Role})", account.Email, account.Role);
    }

    private static void Check(IdentityResult result, DemoAccount account)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding demo account {account.Email} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
