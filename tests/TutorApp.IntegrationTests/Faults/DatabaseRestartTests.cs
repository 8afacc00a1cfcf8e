using TutorApp.Data.Tutoring;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;
using Xunit.Abstractions;

namespace TutorApp.IntegrationTests.Faults;

/// <summary>
/// PostgreSQL stopped and started again while students are in the middle of their sessions: every answer is either an
/// acknowledged turn (and then stored) or a "send it again" (503), never a server error; the app reconnects by itself
/// and the sessions carry on.
/// </summary>
public sealed class DatabaseRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Students = 3;
    private PrivateCluster _cluster = default!;

    public async Task InitializeAsync() => _cluster = await PrivateCluster.StartAsync();

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task No_acknowledged_turn_is_lost_and_sessions_resume_after_a_restart()
    {
        await using var app = new TutorAppFactory(_cluster.ConnectionString,
            settings: new Dictionary<string, string> { ["Tutoring:MessagesPerMinute"] = "10000" });
        int problemId;
        using (var scope = app.Services.CreateScope())
        {
            problemId = (await scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync()).First().ProblemId;
        }
        var students = new List<(HttpClient Client, long SessionId)>();
        for (var s = 0; s < Students; s++)
        {
            var (account, _) = await TestUsers.CreateAsync(app.Services, Roles.Student, $"restart{s}");
            var client = await TestUsers.TokenClientAsync(app, account.Email, account.Password);
            var session = (await (await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId))).Content.ReadFromJsonAsync<SessionView>())!;
            students.Add((client, session.Id));
        }

        var acknowledged = new ConcurrentBag<(long SessionId, string Text)>();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var retryMessages = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        // Each student keeps answering (wrong, so the session stays open) for the whole of the fault.
        var talking = students.Select((student, s) => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"I think it is {100 + i} (student {s}, message {i})";
                var response = await student.Client.PostAsJsonAsync($"/api/v1/sessions/{student.SessionId}/messages", new SendMessageRequest(text));
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add((student.SessionId, text));
                }
                else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    retryMessages.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!);
                    await Task.Delay(200);
                }
            }
        })).ToList();

        await WaitForAsync(() => acknowledged.Count >= Students * 3);
        await _cluster.StopAsync();
        await WaitForAsync(() => statuses.Count(s => s == HttpStatusCode.ServiceUnavailable) >= Students);
        var acknowledgedWhileDown = acknowledged.Count;
        await _cluster.StartAgainAsync();
        // Reconnection by itself: the same app, nothing reset, serves turns again.
        await WaitForAsync(() => acknowledged.Count >= acknowledgedWhileDown + Students * 3);
        stop.Cancel();
        await Task.WhenAll(talking);

        output.WriteLine($"answers: {string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{(int)g.Key} x{g.Count()}"))}");
        Assert.DoesNotContain(statuses, s => (int)s >= 500 && s != HttpStatusCode.ServiceUnavailable);
        Assert.NotEmpty(retryMessages);
        Assert.All(retryMessages, m => Assert.Equal(DatabaseFailures.RetryMessage, m));
        foreach (var (client, sessionId) in students)
        {
            var stored = (await client.GetFromJsonAsync<SessionView>($"/api/v1/sessions/{sessionId}"))!;
            var studentTexts = stored.Turns.Where(t => t.Speaker == "Student").Select(t => t.Text).ToList();
            Assert.All(acknowledged.Where(a => a.SessionId == sessionId), a => Assert.Contains(a.Text, studentTexts));
            // Every student turn has its tutor reply (the turn is whole), numbered without gaps.
            Assert.Equal(Enumerable.Range(1, stored.Turns.Count), stored.Turns.Select(t => t.Number));
            Assert.Equal("Tutor", stored.Turns[^1].Speaker);
            // And the session carries on to the end.
            var solved = await client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/messages", new SendMessageRequest("16"));
            Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        // A bound, so a broken app fails the test instead of hanging it; not a measurement.
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(100))
        {
            Assert.True(waited < TimeSpan.FromMinutes(2), "The condition was not reached within two minutes.");
            await Task.Delay(100);
        }
    }
}
