using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TutorApp.Data.Migrations;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Data.Tutoring;

namespace TutorApp.IntegrationTests;

/// <summary>
/// Scale-out on one machine: two real app processes (the built web app, started with dotnet) on two loopback ports and
/// one database, as two replicas behind a load balancer would be. They start at the same moment on an empty database,
/// so their migrations and their first data-protection key race; then a student's session, bearer token, login cookie
/// and antiforgery token each travel from one process to the other.
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private const string MetricsToken = "multi-instance-test-token";

    private string _database = "";
    private WebAppProcess? _first;
    private WebAppProcess? _second;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateEmptyAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Tutor"] = TestDatabase.WithDatabase(_database),
            ["Metrics:Token"] = MetricsToken,
            // Loopback is a known proxy by default, so the test can play the ingress and claim another client address.
            ["ForwardedHeaders:Enabled"] = "true",
        };
        _first = WebAppProcess.Start("a", settings);
        _second = WebAppProcess.Start("b", settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new[] { _first, _second })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }
        await TestDatabase.DropAsync(_database);
    }

    [Fact]
    public async Task Two_processes_on_one_database_share_migrations_keys_sessions_tokens_and_cookies()
    {
        var addresses = await Task.WhenAll(_first!.WaitUntilListeningAsync(StartTimeout), _second!.WaitUntilListeningAsync(StartTimeout));
        var (a, b) = (addresses[0], addresses[1]);
        Assert.NotEqual(a.Port, b.Port);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        foreach (var address in addresses)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(address, "/health/ready"))).StatusCode);
        }

        // Migrations raced and each file was applied once; the first key was made once, under the advisory lock, in the
        // database and nowhere else.
        await using (var connection = new NpgsqlConnection(TestDatabase.WithDatabase(_database)))
        {
            await connection.OpenAsync();
            var files = MigrationFile.LoadDirectory(TestDatabase.MigrationsDirectory);
            Assert.Equal(files.Count, await ScalarAsync<long>(connection, "SELECT count(DISTINCT version) FROM schema_migrations"));
            Assert.Equal(files.Count, await ScalarAsync<long>(connection, "SELECT count(*) FROM schema_migrations"));
            Assert.Equal(DemoDataSeeder.Accounts.Count, await ScalarAsync<long>(connection, "SELECT count(*) FROM users"));
            Assert.Equal(1, await ScalarAsync<long>(connection, "SELECT count(*) FROM data_protection_keys"));
        }
        Assert.All(new[] { _first, _second }, p => Assert.False(Directory.Exists(Path.Combine(p.Home, ".aspnet")), $"{p.Name} wrote a key ring to its home"));

        // A bearer token issued by A is accepted by B; the session started on B continues on A, then on B, to the end.
        var student = DemoDataSeeder.Accounts.Single(x => x.Role == "Student");
        var token = await TokenAsync(http, a, student.Email, student.Password);
        var problemId = await FirstProblemIdAsync();
        var started = await SendAsync(http, HttpMethod.Post, new Uri(b, "/api/v1/sessions"), token, new StartSessionRequest(problemId));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<SessionView>(Json))!;
        var afterA = await MessageAsync(http, a, token, session.Id, "There are 16 slices");
        Assert.Equal(1, afterA.ResolvedSteps);
        var afterB = await MessageAsync(http, b, token, session.Id, "16 / 3 = 5 1/3 slices for each friend");
        Assert.Equal("Solved", afterB.Status);
        var readOnA = await SendAsync(http, HttpMethod.Get, new Uri(a, $"/api/v1/sessions/{session.Id}"), token, null);
        var viewOnA = (await readOnA.Content.ReadFromJsonAsync<SessionView>(Json))!;
        Assert.Equal(afterB.Turns.Select(t => t.Text), viewOnA.Turns.Select(t => t.Text));

        // The login form comes from A (antiforgery cookie and token made by A) and is posted to B, which signs the user in;
        // B's cookie then opens the student's page on A.
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync(new Uri(a, "/student"))).StatusCode);
        var form = await http.GetStringAsync(new Uri(a, "/account/login"));
        var login = await http.PostAsync(new Uri(b, "/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AppFixture.AntiforgeryToken(form),
            ["_handler"] = "login",
            ["Input.Email"] = student.Email,
            ["Input.Password"] = student.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tutor.auth=", StringComparison.Ordinal));
        var page = await http.GetAsync(new Uri(a, "/student"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Sharing pizzas", await page.Content.ReadAsStringAsync());

        // Each process counts its own turns; a client outside the allowed networks needs the metrics token.
        var turns = 0.0;
        foreach (var address in addresses)
        {
            var metrics = await http.GetStringAsync(new Uri(address, "/metrics"));
            Assert.Contains("# TYPE http_server_request_duration_seconds histogram", metrics);
            turns += SampleValue(metrics, "tutor_tutoring_turns_total{intent=\"AnswerAttempt\"}");
        }
        Assert.Equal(2, turns);
        using var outside = new HttpRequestMessage(HttpMethod.Get, new Uri(a, "/metrics"));
        outside.Headers.Add("X-Forwarded-For", "203.0.113.7");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(outside)).StatusCode);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, new Uri(a, "/metrics"));
        withToken.Headers.Add("X-Forwarded-For", "203.0.113.7");
        withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withToken)).StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient http, Uri app, string email, string password)
    {
        var response = await http.PostAsJsonAsync(new Uri(app, "/api/v1/auth/token"), new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<SessionView> MessageAsync(HttpClient http, Uri app, string token, long sessionId, string text)
    {
        var response = await SendAsync(http, HttpMethod.Post, new Uri(app, $"/api/v1/sessions/{sessionId}/messages"), token, new SendMessageRequest(text));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{app}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SessionView>(Json))!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, Uri uri, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private async Task<int> FirstProblemIdAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.WithDatabase(_database));
        await connection.OpenAsync();
        return await ScalarAsync<int>(connection, "SELECT min(id) FROM problems");
    }

    private static double SampleValue(string exposition, string series)
    {
        var line = exposition.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
