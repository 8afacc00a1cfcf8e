using System.Net;
using TutorApp.Data.Seeding;

namespace TutorApp.IntegrationTests;

public sealed class AuthorizationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DemoAccount Student = DemoDataSeeder.Accounts.Single(a => a.Role == "Student");
    private static readonly DemoAccount Teacher = DemoDataSeeder.Accounts.Single(a => a.Role == "Teacher");
    private static readonly DemoAccount Admin = DemoDataSeeder.Accounts.Single(a => a.Role == "Admin");

    [Theory]
    [InlineData("/student")]
    [InlineData("/teacher")]
    [InlineData("/admin")]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/teacher", "Classes")]
    [InlineData("/admin", "Problem bank")]
    [InlineData("/admin/knowledge-tracing", "Knowledge tracing")]
    public async Task A_student_gets_403_and_never_the_content_of_teacher_and_admin_pages(string path, string contentHeading)
    {
        var client = app.NewClient();
        await AppFixture.LogInAsync(client, Student.Email, Student.Password);

        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied (403)", body);
        Assert.DoesNotContain($"<h1>{contentHeading}</h1>", body);
    }

    [Theory]
    [InlineData("student", "/student", "My problems")]
    [InlineData("teacher", "/teacher", "Classes")]
    [InlineData("admin", "/admin", "Problem bank")]
    public async Task Each_demo_account_logs_in_and_lands_on_its_home(string role, string home, string heading)
    {
        var account = DemoDataSeeder.Accounts.Single(a => a.Role.Equals(role, StringComparison.OrdinalIgnoreCase));
        var client = app.NewClient();

        var login = await AppFixture.LogInAsync(client, account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(home, new Uri(client.BaseAddress!, login.Headers.Location!).AbsolutePath);

        var page = await client.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_gets_a_clear_message()
    {
        var response = await AppFixture.LogInAsync(app.NewClient(), Teacher.Email, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(TutorApp.Web.Auth.AuthExtensions.SignInRefusedMessage), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_incomplete_login_form_names_the_missing_fields()
    {
        var response = await AppFixture.LogInAsync(app.NewClient(), "", "");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("The Email field is required.", body);
        Assert.Contains("The Password field is required.", body);
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused_with_a_clear_message()
    {
        var response = await app.NewClient().PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = Admin.Email,
            ["Input.Password"] = Admin.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery token", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_route_gets_a_404_page_that_says_so()
    {
        var response = await app.NewClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found (404)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_is_a_post_and_ends_the_session()
    {
        var client = app.NewClient();
        await AppFixture.LogInAsync(client, Teacher.Email, Teacher.Password);
        var page = await client.GetStringAsync("/teacher");

        // A link (GET) must not sign anyone out: only the form post does.
        Assert.False((await client.GetAsync("/account/logout")).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/teacher")).StatusCode);
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/teacher")).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_report_liveness_and_readiness_anonymously()
    {
        var client = app.NewClient();

        var live = await client.GetAsync("/health");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var report = await ready.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":{\"status\":\"Healthy\"", report);
        Assert.Contains("all migrations applied", report);
    }
}
