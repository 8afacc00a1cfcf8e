using TutorApp.Data.Seeding;
using TutorApp.Web.Auth;

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

        // Refused, with the same words as a wrong password, so the page does not reveal that the account is locked.
        Assert.Contains(System.Net.WebUtility.HtmlEncode(AuthExtensions.SignInRefusedMessage), await response.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
