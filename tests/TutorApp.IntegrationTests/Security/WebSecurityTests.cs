using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Web.Auth;
using TutorApp.Web.Security;

namespace TutorApp.IntegrationTests.Security;

/// <summary>Headers, cookies, sign-in refusals and logs, on the real app.</summary>
public sealed class WebSecurityTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DemoAccount Teacher = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Teacher);

    [Theory]
    [InlineData("/account/login")]          // a static page
    [InlineData("/student")]                // a redirect to the login page
    [InlineData("/no/such/page")]           // the 404 page
    [InlineData("/api/v1/sessions")]        // the JSON API's 401
    [InlineData("/css/app.css")]            // a static file
    [InlineData("/health/ready")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await app.NewClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("*", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_pages_load_scripts_and_styles_only_from_this_site()
    {
        var html = await app.NewClient().GetStringAsync("/account/login");

        var sources = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.DoesNotMatch("^(?:[a-z]+:)?//", source));
        Assert.DoesNotContain("<script>", html); // no inline script, which the policy would block
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site_and_secure_over_https()
    {
        var overHttp = await AppFixture.LogInAsync(app.NewClient(), Teacher.Email, Teacher.Password);
        Assert.Equal(["httponly", "path=/", "samesite=lax"], CookieFlags(overHttp, "tutor.auth"));

        var httpsClient = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var overHttps = await AppFixture.LogInAsync(httpsClient, Teacher.Email, Teacher.Password);
        Assert.Equal(["httponly", "path=/", "samesite=lax", "secure"], CookieFlags(overHttps, "tutor.auth"));
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_http_only_strict_and_secure_over_https()
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var page = await client.GetAsync("/account/login");

        Assert.Equal(["httponly", "path=/", "samesite=strict", "secure"], CookieFlags(page, ".AspNetCore.Antiforgery"));
    }

    [Fact]
    public async Task The_token_endpoint_answers_a_locked_account_exactly_like_a_wrong_password()
    {
        var (account, _) = await TestUsers.CreateAsync(app.Factory.Services, Roles.Student, "locked");
        var client = app.NewClient();

        var wrong = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = "wrong-password-0" });
        var wrongBody = await RefusalAsync(wrong);
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = $"wrong-password-{attempt}" });
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = account.Password });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@users.test", password = account.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal($"401 {AuthExtensions.SignInRefusedMessage}", wrongBody);
        Assert.Equal(wrongBody, await RefusalAsync(locked));
        Assert.Equal(wrongBody, await RefusalAsync(unknown));
    }

    [Fact]
    public async Task Passwords_and_tokens_never_reach_the_logs()
    {
        var logs = new CapturedLogs();
        using var logged = app.Factory.WithWebHostBuilder(host => host
            .UseSetting("Logging:LogLevel:Default", "Debug")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug")
            .UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Debug")
            .ConfigureLogging(logging => logging.AddProvider(logs)));
        var (account, _) = await TestUsers.CreateAsync(logged.Services, Roles.Student, "logged");
        const string wrongPassword = "Wrong-Secret-7f3a9c";
        var client = logged.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        await AppFixture.LogInAsync(client, account.Email, wrongPassword);
        await AppFixture.LogInAsync(client, account.Email, account.Password);
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = account.Password });
        var accessToken = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
        await client.PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = wrongPassword });

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(wrongPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(account.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(accessToken, StringComparison.Ordinal));
    }

    /// <summary>A problem details answer without its per-request trace id.</summary>
    private static async Task<string> RefusalAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return $"{problem.GetProperty("status").GetInt32()} {problem.GetProperty("detail").GetString()}";
    }

    /// <summary>The cookie's attributes other than its expiry, lower-cased and sorted.</summary>
    private static List<string> CookieFlags(HttpResponseMessage response, string namePrefix) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(namePrefix, StringComparison.Ordinal))
            .Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant())
            .Where(a => !a.StartsWith("expires=", StringComparison.Ordinal) && !a.StartsWith("max-age=", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
}

/// <summary>The per-address sign-in limit, with a low limit on a host of its own.</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private const int Limit = 4;
    private readonly TestDatabase _database = new();
    private TutorAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = new TutorAppFactory(_database.ConnectionString,
            settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinutePerAddress"] = Limit.ToString() });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_across_the_login_page_and_the_token_endpoint()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // Reading the login page is not an attempt.
        for (var i = 0; i < Limit + 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        }
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < Limit / 2; i++)
        {
            answers.Add((await AppFixture.LogInAsync(client, $"guess{i}@users.test", "Wrong-password-1")).StatusCode);
            answers.Add((await client.PostAsJsonAsync("/api/v1/auth/token", new { email = $"guess{i}@users.test", password = "Wrong-password-1" })).StatusCode);
        }
        var page = await AppFixture.LogInAsync(client, "one-more@users.test", "Wrong-password-1");
        var api = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "one-more@users.test", password = "Wrong-password-1" });

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many attempts (429)", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Contains("Too many sign-in attempts", await api.Content.ReadAsStringAsync());
        Assert.True(api.Headers.RetryAfter is not null);
    }
}
