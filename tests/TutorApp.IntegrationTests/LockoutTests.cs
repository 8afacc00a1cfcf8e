using TutorApp.Data.Seeding;

namespace TutorApp.IntegrationTests;

// Its own class (and so its own database): locking the account out must not disturb other tests' logins.
public sealed class LockoutTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_against_the_right_password()
    {
        var student = DemoDataSeeder.Accounts.Single(a => a.Role == "Student");
        var client = app.NewClient();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AppFixture.LogInAsync(client, student.Email, "wrong-password-" + attempt);
        }

        var response = await AppFixture.LogInAsync(client, student.Email, student.Password);

        Assert.Contains("locked after too many failed attempts", await response.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
