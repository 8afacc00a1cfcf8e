using TutorApp.Data.Tutoring;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using TutorApp.Data;
using TutorApp.Data.Classes;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;

namespace TutorApp.IntegrationTests.Security;

/// <summary>
/// One app with a caller of each kind signed in, and data owned by <see cref="Caller.Student"/>: a tutoring session whose
/// transcript holds <see cref="OwnerSecret"/>, which no other caller may ever see.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    public const string OwnerSecret = "owner-secret-7c41e9";

    private readonly TestDatabase _database = new();
    private readonly Dictionary<Caller, string?> _cookies = [];

    public TutorAppFactory App { get; private set; } = default!;
    public DemoAccount StudentAccount { get; private set; } = default!;

    /// <summary>Sample values for route parameters, by name (case-insensitive); a new parameter name needs one here.</summary>
    public Dictionary<string, string> RouteValues { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        App = new TutorAppFactory(_database.ConnectionString);
        _cookies[Caller.Anonymous] = null;
        var ids = new Dictionary<Caller, string>();
        foreach (var (caller, role) in new[] { (Caller.Student, Roles.Student), (Caller.OtherStudent, Roles.Student),
                     (Caller.Teacher, Roles.Teacher), (Caller.OtherTeacher, Roles.Teacher), (Caller.Admin, Roles.Admin) })
        {
            var (account, id) = await TestUsers.CreateAsync(App.Services, role, caller.ToString().ToLowerInvariant());
            ids[caller] = id;
            if (caller == Caller.Student)
            {
                StudentAccount = account;
                RouteValues["studentId"] = id;
            }
            var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var login = await AppFixture.LogInAsync(client, account.Email, account.Password);
            _cookies[caller] = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        }

        using var scope = App.Services.CreateScope();
        var published = (await scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync()).First();
        var student = ClientFor(Caller.Student);
        var session = (await (await student.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(published.ProblemId)))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionView>())!;
        (await student.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest($"I think {OwnerSecret}"))).EnsureSuccessStatusCode();

        // The teacher's class, with the student in it: "other teacher" has the role but not the class.
        var classes = scope.ServiceProvider.GetRequiredService<SchoolClasses>();
        var schoolClass = await classes.CreateAsync(ids[Caller.Teacher], "Matrix class");
        await classes.JoinAsync(ids[Caller.Student], schoolClass.JoinCode);
        RouteValues["classId"] = schoolClass.Id.ToString();
        RouteValues["skillId"] = (await scope.ServiceProvider.GetRequiredService<TutorDbContext>().Skills.FirstAsync()).Id.ToString();
        RouteValues["SessionId"] = session.Id.ToString();
        RouteValues["VersionId"] = published.VersionId.ToString();
        RouteValues["StatusCode"] = "404";
    }

    /// <summary>A client carrying the caller's sign-in cookie but keeping none of its own, so a logout cannot affect other requests.</summary>
    public HttpClient ClientFor(Caller caller)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (_cookies[caller] is { } cookie)
        {
            client.DefaultRequestHeaders.Add("Cookie", cookie);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture fixture) : IClassFixture<AuthorizationMatrixFixture>
{
    [Fact]
    public void Every_mapped_route_has_a_row_in_the_matrix_and_every_row_a_route()
    {
        var routes = Routes().Select(r => r.Pattern).Distinct().ToList();
        var missing = routes.Where(r => !AuthorizationMatrix.Expected.ContainsKey(r) && !IsPlumbing(r)).ToList();
        var stale = AuthorizationMatrix.Expected.Keys.Where(k => !routes.Contains(k)).ToList();

        Assert.True(missing.Count == 0,
            $"These routes have no row in AuthorizationMatrix.Expected (tests/TutorApp.IntegrationTests/Security/AuthorizationMatrix.cs): {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"These rows of AuthorizationMatrix.Expected match no mapped route: {string.Join(", ", stale)}");
        Assert.All(AuthorizationMatrix.Expected, row => Assert.Equal(Enum.GetValues<Caller>().Length, row.Value.Length));
    }

    [Fact]
    public void Framework_plumbing_routes_require_no_role()
    {
        var plumbing = Routes().Where(r => IsPlumbing(r.Pattern)).ToList();

        Assert.NotEmpty(plumbing);
        Assert.All(plumbing, route => Assert.DoesNotContain(route.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>(),
            a => !string.IsNullOrEmpty(a.Roles) || !string.IsNullOrEmpty(a.Policy)));
    }

    public static TheoryData<Caller> Callers() => new(Enum.GetValues<Caller>());

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Each_route_gives_each_caller_the_expected_outcome(Caller caller)
    {
        var failures = new List<string>();
        foreach (var (pattern, method) in Routes().Where(r => !IsPlumbing(r.Pattern)).SelectMany(r => r.Methods.Select(m => (r.Pattern, m))).Distinct())
        {
            if (!AuthorizationMatrix.Expected.TryGetValue(pattern, out var row))
            {
                continue; // reported by the coverage test, with every missing route named
            }
            var expected = row[(int)caller];
            var path = Fill(pattern);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != HttpMethods.Get)
            {
                // What a real caller sends: JSON to the API, a form (with a stale antiforgery token) to pages and form endpoints.
                request.Content = path.StartsWith("/api/", StringComparison.Ordinal)
                    ? JsonContent.Create(new { problemId = 1, text = "matrix probe", email = fixture.StudentAccount.Email, password = fixture.StudentAccount.Password })
                    : new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = "stale", ["_handler"] = "probe" });
            }
            var response = await fixture.ClientFor(caller).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var problem = Judge(expected, method, response, body, ownsData: pattern.Contains("{SessionId", StringComparison.OrdinalIgnoreCase) && method == HttpMethods.Get);
            if (problem is not null)
            {
                failures.Add($"{method} {path} as {caller}: expected {expected}, {problem}: {body[..Math.Min(300, body.Length)]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <returns>Why the answer does not fit the expected outcome, or null when it does.</returns>
    private static string? Judge(Outcome expected, string method, HttpResponseMessage response, string body, bool ownsData)
    {
        var status = (int)response.StatusCode;
        var toLogin = status is 301 or 302 or 303 or 307 && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true;
        var refused = status is 401 or 403 || toLogin;
        var showsSecret = body.Contains(AuthorizationMatrixFixture.OwnerSecret, StringComparison.Ordinal);
        var seen = $"got {status}{(toLogin ? " (to the login page)" : "")}{(showsSecret ? " showing the owner's data" : "")}";
        return expected switch
        {
            _ when status >= 500 => seen,
            Outcome.Ok when refused || (ownsData && !showsSecret) => seen,
            // A form post from someone who never had the form is stopped by the antiforgery check before anything else.
            Outcome.Login when !toLogin && !(method != HttpMethods.Get && status == 400 && body.Contains("antiforgery token", StringComparison.Ordinal)) => seen,
            Outcome.Unauthorized when status != 401 => seen,
            Outcome.Forbidden when status != 403 || showsSecret => seen,
            Outcome.NotOwner when showsSecret || (status is not (400 or 403 or 404) && !body.Contains("belongs to another student", StringComparison.Ordinal)) => seen,
            _ => null,
        };
    }

    private string Fill(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([A-Za-z]+)(?::[^}]*)?\}", match =>
        fixture.RouteValues.TryGetValue(match.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException(
                $"Route {pattern} has the parameter {{{match.Groups[1].Value}}}: give it a sample value in AuthorizationMatrixFixture.RouteValues."));

    private sealed record MappedRoute(string Pattern, IReadOnlyList<string> Methods, Endpoint Endpoint);

    private List<MappedRoute> Routes() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new MappedRoute(
                "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() is { Count: > 0 } methods ? methods : [HttpMethods.Get],
                e))
            .ToList();

    private static bool IsPlumbing(string pattern) =>
        AuthorizationMatrix.PublicPlumbingPrefixes.Any(prefix => pattern.StartsWith(prefix, StringComparison.Ordinal));
}
