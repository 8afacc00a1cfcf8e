using TutorApp.Data.Tutoring;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using TutorApp.Data.Hosting;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;
using Xunit.Abstractions;

namespace TutorApp.IntegrationTests.Faults;

/// <summary>
/// The real app as a child process, killed with SIGKILL while a student's messages are in flight, then started again:
/// each turn is in the database whole (the student's message and the tutor's reply, attempts included) or not at all,
/// every acknowledged turn is there, and the session carries on.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task After_a_sigkill_mid_turn_the_session_is_consistent_and_resumes()
    {
        var student = DemoDataSeeder.Accounts.Single(a => a.Role == "Student");
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var acknowledged = new ConcurrentBag<string>();
        long sessionId;
        string token;

        using (var app = await StartAppAsync(port))
        {
            using var client = new HttpClient { BaseAddress = baseAddress };
            token = await TokenAsync(client, student.Email, student.Password);
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var session = (await (await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(1))).Content.ReadFromJsonAsync<SessionView>())!;
            sessionId = session.Id;

            // Two students' worth of traffic on the one session (two tabs), so that a turn is always in flight when the kill lands.
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 2).Select(sender => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var text = $"maybe {200 + i} (tab {sender}, message {i})";
                    try
                    {
                        var response = await client.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/messages", new SendMessageRequest(text));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            acknowledged.Add(text);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the process is gone
                    }
                }
            })).ToList();
            while (acknowledged.Count < 6)
            {
                await Task.Delay(20);
            }
            app.Kill(entireProcessTree: false); // SIGKILL: no shutdown, no flushing, no finally blocks
            await app.WaitForExitAsync();
            stop.Cancel();
            await Task.WhenAll(senders);
        }

        using var restarted = await StartAppAsync(port);
        using var again = new HttpClient { BaseAddress = baseAddress };
        again.DefaultRequestHeaders.Authorization = new("Bearer", await TokenAsync(again, student.Email, student.Password));
        var stored = (await again.GetFromJsonAsync<SessionView>($"/api/v1/sessions/{sessionId}"))!;
        output.WriteLine($"acknowledged before the kill: {acknowledged.Count}; stored turns after restart: {stored.Turns.Count}");

        Assert.Equal(Enumerable.Range(1, stored.Turns.Count), stored.Turns.Select(t => t.Number));
        Assert.Equal("Active", stored.Status);
        for (var i = 0; i < stored.Turns.Count; i++)
        {
            // Whole turns only: each student message is followed by the tutor's reply to it.
            if (stored.Turns[i].Speaker == "Student")
            {
                Assert.True(i + 1 < stored.Turns.Count && stored.Turns[i + 1].Speaker == "Tutor", $"Turn {stored.Turns[i].Number} has no tutor reply.");
            }
        }
        var studentTexts = stored.Turns.Where(t => t.Speaker == "Student").Select(t => t.Text).ToList();
        Assert.All(acknowledged, text => Assert.Contains(text, studentTexts));
        var next = await again.PostAsJsonAsync($"/api/v1/sessions/{sessionId}/messages", new SendMessageRequest("16"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        restarted.Kill();
    }

    /// <summary>The built web app (the same configuration as this test assembly), in Development so the demo student exists.</summary>
    private async Task<Process> StartAppAsync(int port)
    {
        var root = ContentRoot.Find();
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<configuration>/net10.0
        var dll = Path.Combine(root, "src", "TutorApp.Web", "bin", configuration, "net10.0", "TutorApp.Web.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__Tutor"] = _database.ConnectionString;
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Tutoring__MessagesPerMinute"] = "10000";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.WriteLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        for (var attempt = 0; ; attempt++)
        {
            Assert.False(process.HasExited, "The app exited during start-up.");
            try
            {
                if ((await probe.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Assert.True(attempt < 600, "The app did not become ready within a minute.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> TokenAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
