using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Data.Tutoring;

namespace TutorApp.IntegrationTests;

/// <summary>The tutoring JSON API on the real database: sessions, turns, attempts, mastery, and every refusal.</summary>
public sealed class SessionApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TestDatabase _database = new();
    private TutorAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = new TutorAppFactory(_database.ConnectionString, settings: new Dictionary<string, string> { ["Tutoring:MessagesPerMinute"] = "12" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_final_answer_given_first_is_one_attempt_and_the_skipped_steps_are_not_counted_as_right()
    {
        var (client, studentId) = await StudentClientAsync("api-skip");
        var problemId = await SampleProblemIdAsync();
        var session = (await (await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId))).Content.ReadFromJsonAsync<SessionView>(Json))!;

        var solved = await SendAsync(client, session.Id, "5 1/3");

        Assert.Equal("Solved", solved.Status);
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TutorDbContext>();
        var interactions = await db.Interactions.Where(i => i.SessionId == session.Id).ToListAsync();
        // One attempt at the problem (recorded on its last step, once per skill); the first step was never worked, so it
        // has no interaction at all: the teacher's "right of attempts" and the mastery update see one right answer.
        Assert.NotEmpty(interactions);
        Assert.Single(interactions.Select(i => i.StepId).Distinct());
        Assert.All(interactions, i => Assert.True(i.Correct));
        var stepsWithInteractions = await db.Interactions.Where(i => i.StudentId == studentId).Select(i => i.StepId).Distinct().CountAsync();
        Assert.Equal(1, stepsWithInteractions);
    }

    [Fact]
    public async Task A_session_is_started_answered_recorded_and_resumed_after_a_restart()
    {
        var (client, studentId) = await StudentClientAsync("api-a");
        var problemId = await SampleProblemIdAsync();

        var started = await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<SessionView>(Json))!;
        Assert.Equal("Tutor", session.Turns.Single().Speaker);
        Assert.Equal((0, 2), (session.ResolvedSteps, session.TotalSteps));

        var answered = await SendAsync(client, session.Id, "There are 16 slices");
        Assert.Equal(1, answered.ResolvedSteps);
        Assert.Equal(["Tutor", "Student", "Tutor"], answered.Turns.Select(t => t.Speaker).Take(3));
        Assert.All(answered.Turns.Where(t => t.Speaker == "Tutor"), t => Assert.False(string.IsNullOrWhiteSpace(t.Text)));

        // Starting the same problem again resumes the unfinished session instead of opening a second one.
        var again = (await (await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId))).Content.ReadFromJsonAsync<SessionView>(Json))!;
        Assert.Equal(session.Id, again.Id);

        using (var scope = _app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TutorDbContext>();
            var attempts = await db.Interactions.Where(i => i.SessionId == session.Id).ToListAsync();
            Assert.NotEmpty(attempts);
            Assert.All(attempts, a => Assert.Equal(studentId, a.StudentId));
            Assert.True(await db.SkillMastery.AnyAsync(m => m.StudentId == studentId));
        }

        // A second app instance on the same database (a restart, or another replica) continues the same dialogue.
        await using var restarted = new TutorAppFactory(_database.ConnectionString);
        var otherClient = restarted.CreateClient();
        otherClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        var resumed = (await otherClient.GetFromJsonAsync<SessionView>($"/api/v1/sessions/{session.Id}", Json))!;
        Assert.Equal(answered.Turns.Select(t => t.Text), resumed.Turns.Select(t => t.Text));
        var finished = await SendAsync(otherClient, session.Id, "16 / 3 = 5 1/3 slices for each friend");
        Assert.Equal("Solved", finished.Status);
        Assert.NotEmpty(finished.MasteryChanges);

        var late = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("17"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("finished", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_messages_are_refused_with_a_clear_message_and_markup_is_kept_as_text()
    {
        var (client, _) = await StudentClientAsync("api-b");
        var session = await StartAsync(client);

        var empty = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("   "));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Type a message first", await empty.Content.ReadAsStringAsync());

        var huge = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest(new string('7', 2001)));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("at most 2,000 characters", await huge.Content.ReadAsStringAsync());

        var markup = "<script>alert('x')</script> is it 16?";
        var view = await SendAsync(client, session.Id, markup);
        Assert.Equal(markup, view.Turns.Single(t => t.Speaker == "Student").Text);
    }

    [Fact]
    public async Task Another_students_session_and_other_roles_are_forbidden()
    {
        var (owner, _) = await StudentClientAsync("api-owner");
        var (intruder, _) = await StudentClientAsync("api-intruder");
        var session = await StartAsync(owner);

        var read = await intruder.GetAsync($"/api/v1/sessions/{session.Id}");
        var write = await intruder.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("16"));
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("belongs to another student", await write.Content.ReadAsStringAsync());

        var teacher = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Teacher);
        var teacherClient = await TokenClientAsync(teacher.Email, teacher.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await teacherClient.GetAsync($"/api/v1/sessions/{session.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync($"/api/v1/sessions/{session.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/sessions/999999")).StatusCode);
    }

    [Fact]
    public async Task Rapid_fire_messages_are_rate_limited_per_student()
    {
        var (client, _) = await StudentClientAsync("api-fast");
        var session = await StartAsync(client);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            statuses.Add((await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("hmm"))).StatusCode);
        }

        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.OK));
        var limited = await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("hmm"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("very quickly", await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_keeps_its_version_when_a_new_one_is_published()
    {
        var (client, _) = await StudentClientAsync("api-version");
        var session = await StartAsync(client);
        using (var scope = _app.Services.CreateScope())
        {
            var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
            var draftId = await bank.StartNewVersionAsync(session.ProblemId, authorId: null);
            var draft = (await bank.LoadBankVersionAsync(draftId))!;
            await bank.SaveDraftAsync(draftId, draft with { Title = "Sharing pizzas, second edition" });
            await bank.PublishAsync(draftId);
        }

        var view = await SendAsync(client, session.Id, "16");

        Assert.Equal(session.ProblemVersionId, view.ProblemVersionId);
        Assert.Equal(SampleContent.ProblemTitle, view.Title);
        Assert.Equal(1, view.ResolvedSteps);
    }

    [Theory]
    [InlineData("cross-site", false)]
    [InlineData("same-site", false)]
    [InlineData("same-origin", true)]
    [InlineData("none", true)]
    public async Task A_write_with_the_sign_in_cookie_is_taken_only_from_tutorapps_own_pages(string fetchSite, bool taken)
    {
        var student = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Student);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AppFixture.LogInAsync(browser, student.Email, student.Password);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = JsonContent.Create(new StartSessionRequest(await SampleProblemIdAsync())) };
        request.Headers.Add("Sec-Fetch-Site", fetchSite);

        var response = await browser.SendAsync(request);

        if (taken)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("cannot use the TutorApp sign-in cookie", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_roster_posted_as_plain_text_by_another_sites_form_is_refused()
    {
        // The roster reads its body whatever the content type, so a form on another page could post one without a
        // CORS preflight: the endpoint the cross-site check matters most for.
        var teacher = DemoDataSeeder.Accounts.First(a => a.Role == Roles.Teacher);
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AppFixture.LogInAsync(browser, teacher.Email, teacher.Password);
        var created = await browser.PostAsJsonAsync("/api/v1/classes", new { name = "Cross-site check" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var classId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        HttpRequestMessage Roster(string fetchSite)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/classes/{classId}/roster")
            {
                Content = new StringContent("email\nstudent@demo.tutor\n", System.Text.Encoding.UTF8, "text/plain"),
            };
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
            return request;
        }

        var crossSite = await browser.SendAsync(Roster("cross-site"));
        // Credentials a browser may attach by itself (Basic, behind an authenticating proxy) do not exempt the request.
        var withBasic = Roster("cross-site");
        withBasic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "cHJveHk6cGFzcw==");
        var crossSiteWithBasic = await browser.SendAsync(withBasic);
        var ownPage = await browser.SendAsync(Roster("same-origin"));

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSiteWithBasic.StatusCode);
        Assert.True(ownPage.IsSuccessStatusCode, await ownPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bearer_token_call_is_not_affected_by_the_browser_origin_checks()
    {
        var (client, _) = await StudentClientAsync("api-origin");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = JsonContent.Create(new StartSessionRequest(await SampleProblemIdAsync())) };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_buys_a_working_token_without_the_password_until_the_security_stamp_changes()
    {
        var (email, _) = await NewStudentAsync("refresh");
        const string password = StudentPassword;
        var anonymous = _app.CreateClient();
        var first = await (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password })).Content.ReadFromJsonAsync<JsonElement>();

        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = first.GetProperty("refreshToken").GetString() });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", second.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sessions")).StatusCode);

        // An access token is not a refresh token.
        var wrongKind = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = second.GetProperty("accessToken").GetString() });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKind.StatusCode);

        async Task WithUserAsync(Func<UserManager<ApplicationUser>, ApplicationUser, Task> change)
        {
            using var scope = _app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await change(users, (await users.FindByEmailAsync(email))!);
        }
        var refreshToken = second.GetProperty("refreshToken").GetString();
        await WithUserAsync((users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1)));
        var whileLockedOut = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, whileLockedOut.StatusCode);
        await WithUserAsync((users, user) => users.SetLockoutEndDateAsync(user, null));
        // Taken again once the lockout ends: it was the lockout that refused it.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken })).StatusCode);

        await WithUserAsync((users, user) => users.UpdateSecurityStampAsync(user));
        var afterStampChange = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, afterStampChange.StatusCode);
        Assert.Contains("not valid any more", await afterStampChange.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_for_a_token_is_refused()
    {
        var student = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Student);
        var response = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { email = student.Email, password = "wrong-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not correct", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Students_get_the_tutor_words_without_move_labels_in_the_API_and_on_the_page_while_the_transcript_keeps_them()
    {
        var (email, _) = await NewStudentAsync("no-labels");
        var client = await TokenClientAsync(email, StudentPassword);
        var session = await StartAsync(client);
        await SendAsync(client, session.Id, "I think it is 10");
        await SendAsync(client, session.Id, "can I have a hint?");

        var json = await client.GetStringAsync($"/api/v1/sessions/{session.Id}");
        using var document = JsonDocument.Parse(json);
        var turns = document.RootElement.GetProperty("turns").EnumerateArray().ToList();
        Assert.True(turns.Count >= 5, json);
        Assert.All(turns, turn => Assert.DoesNotContain(turn.EnumerateObject(), p => p.Name.Contains("move", StringComparison.OrdinalIgnoreCase)));

        // The page a student opens (its server-rendered HTML) names no move either.
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await AppFixture.LogInAsync(browser, email, StudentPassword);
        var page = await browser.GetAsync($"/student/sessions/{session.Id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"turn\"", html);
        Assert.DoesNotContain("data-move", html);
        Assert.DoesNotMatch(@">\s*(Focus|Probing|Telling|Generic)\s*<", html);

        // The teacher's transcript is read from the stored turns, which keep every tutor move.
        using var scope = _app.Services.CreateScope();
        var moves = await scope.ServiceProvider.GetRequiredService<TutorDbContext>().TutoringTurns
            .Where(t => t.SessionId == session.Id && t.Speaker == TutorApp.Domain.Sessions.Speaker.Tutor).Select(t => t.Move).ToListAsync();
        Assert.NotEmpty(moves);
        Assert.All(moves, move => Assert.Contains(move, new[] { "Focus", "Probing", "Telling", "Generic" }));
    }

    private async Task<SessionView> StartAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(await SampleProblemIdAsync()));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionView>(Json))!;
    }

    private static async Task<SessionView> SendAsync(HttpClient client, long sessionId, string text)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/messages", new SendMessageRequest(text));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SessionView>(Json))!;
    }

    private async Task<int> SampleProblemIdAsync()
    {
        using var scope = _app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync()).First(p => p.Title == SampleContent.ProblemTitle).ProblemId;
    }

    private const string StudentPassword = "Api-student-pass-1";

    private async Task<(HttpClient Client, string StudentId)> StudentClientAsync(string name)
    {
        var (email, id) = await NewStudentAsync(name);
        return (await TokenClientAsync(email, StudentPassword), id);
    }

    private async Task<(string Email, string Id)> NewStudentAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@api.test";
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, DisplayName = name };
        Assert.True((await users.CreateAsync(user, StudentPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Student)).Succeeded);
        return (email, user.Id);
    }

    private async Task<HttpClient> TokenClientAsync(string email, string password)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
