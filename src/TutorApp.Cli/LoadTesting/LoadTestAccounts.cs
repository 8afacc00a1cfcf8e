using Microsoft.AspNetCore.Identity;
using TutorApp.Data.Identity;

namespace TutorApp.Cli.LoadTesting;

/// <summary>
/// The student accounts a load test signs in as: <c>load-0001@loadtest.invalid</c>, ... (the .invalid domain can never
/// receive mail). <c>tutor seed students N</c> creates them; <c>tutor loadtest</c> signs in as the first N.
/// </summary>
internal static class LoadTestAccounts
{
    public const string DefaultPassword = "Load-test-password-1";

    public static string Email(int index) => $"load-{index:D4}@loadtest.invalid";

    /// <summary>Creates the accounts that do not exist yet (students, email confirmed); returns how many were created.</summary>
    public static async Task<int> EnsureAsync(UserManager<ApplicationUser> users, int count, string password, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var created = 0;
        for (var index = 1; index <= count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var email = Email(index);
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Load test student {index}" };
                Check(await users.CreateAsync(user, password), email);
                Check(await users.AddToRoleAsync(user, Roles.Student), email);
                created++;
            }
            progress?.Report(index);
        }
        return created;
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
