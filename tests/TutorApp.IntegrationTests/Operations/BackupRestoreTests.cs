using TutorApp.Data.Tutoring;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;

namespace TutorApp.IntegrationTests.Operations;

/// <summary>infra/backup.sh and infra/restore.sh: a dump of a database in use, restored into an empty one, runs the app.</summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _dumpDirectory = Directory.CreateTempSubdirectory("tutor-backup-").FullName;
    private string? _restored;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (_restored is not null)
        {
            await TestDatabase.DropAsync(_restored);
        }
        Directory.Delete(_dumpDirectory, recursive: true);
    }

    [Fact]
    public async Task A_dump_restored_into_an_empty_database_runs_the_app_with_every_session_intact()
    {
        SessionView before;
        HttpClient student;
        await using (var original = new TutorAppFactory(_database.ConnectionString))
        {
            var (account, _) = await TestUsers.CreateAsync(original.Services, Roles.Student, "backed-up");
            student = await TestUsers.TokenClientAsync(original, account.Email, account.Password);
            int problemId;
            using (var scope = original.Services.CreateScope())
            {
                problemId = (await scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync()).First().ProblemId;
            }
            var session = (await (await student.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId))).Content.ReadFromJsonAsync<SessionView>())!;
            before = (await (await student.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest("16")))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionView>())!;

            // Dumped while the app is running, as a nightly backup would be.
            var dump = Path.Combine(_dumpDirectory, "tutor.dump");
            var backup = await Scripts.RunAsync("backup.sh", Environment(_database.ConnectionString), dump);
            Assert.True(backup.ExitCode == 0, backup.Output);
            Assert.True(new FileInfo(dump).Length > 0);

            _restored = await TestDatabase.CreateEmptyAsync();
            var restore = await Scripts.RunAsync("restore.sh", Environment(TestDatabase.WithDatabase(_restored)), dump);
            Assert.True(restore.ExitCode == 0, restore.Output);

            // A second restore over the now full database is refused and changes nothing.
            var again = await Scripts.RunAsync("restore.sh", Environment(TestDatabase.WithDatabase(_restored)), dump);
            Assert.Equal(3, again.ExitCode);
            Assert.Contains("restore only into an empty database", again.Output);
        }

        await using var restoredApp = new TutorAppFactory(TestDatabase.WithDatabase(_restored!));
        var client = restoredApp.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("all migrations applied", await ready.Content.ReadAsStringAsync());
        // The bearer token is still valid (the data-protection keys are the test host's), and the session is whole.
        client.DefaultRequestHeaders.Authorization = student.DefaultRequestHeaders.Authorization;
        var after = (await client.GetFromJsonAsync<SessionView>($"/api/v1/sessions/{before.Id}"))!;
        Assert.Equal(before.Turns.Select(t => (t.Number, t.Speaker, t.Text)), after.Turns.Select(t => (t.Number, t.Speaker, t.Text)));
        var next = await client.PostAsJsonAsync($"/api/v1/sessions/{before.Id}/messages", new SendMessageRequest("16 / 3 = 5 1/3"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    private static Dictionary<string, string> Environment(string connectionString) => new() { ["ConnectionStrings__Tutor"] = connectionString };
}
