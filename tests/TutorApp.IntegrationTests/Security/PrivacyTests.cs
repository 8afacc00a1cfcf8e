using TutorApp.Data.Tutoring;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TutorApp.Data;
using TutorApp.Data.Audit;
using TutorApp.Data.Content;
using TutorApp.Data.Identity;
using TutorApp.Data.Privacy;
using TutorApp.Data.Seeding;
using TutorApp.Domain.Audit;
using TutorApp.TestSupport;
using TutorApp.Web.Tutoring;

namespace TutorApp.IntegrationTests.Security;

/// <summary>A student's data export and erasure (admins only), and the audit log that records both.</summary>
public sealed class PrivacyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly DemoAccount Admin = DemoDataSeeder.Accounts.Single(a => a.Role == Roles.Admin);

    [Fact]
    public async Task An_admin_exports_everything_stored_about_a_student_as_json()
    {
        var (student, studentId, secret) = await StudentWithHistoryAsync("export");
        var admin = app.NewClient();
        await AppFixture.LogInAsync(admin, Admin.Email, Admin.Password);

        var response = await admin.GetAsync($"/admin/students/{studentId}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("tutorapp-student-", response.Content.Headers.ContentDisposition?.FileName);
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(student.Email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.NotEqual(0, export.GetProperty("tutoring_sessions").GetArrayLength());
        Assert.Contains(export.GetProperty("tutoring_turns").EnumerateArray(), t => t.GetProperty("text").GetString()!.Contains(secret));
        Assert.NotEqual(0, export.GetProperty("interactions").GetArrayLength());
        Assert.NotEqual(0, export.GetProperty("skill_mastery").GetArrayLength());
        Assert.All(export.GetProperty("interactions").EnumerateArray(), i => Assert.Equal(studentId, i.GetProperty("studentId").GetString()));
        Assert.Contains(await AuditAsync(AuditActions.UserExport), e => e.Target == $"user {studentId}" && e.ActorName == Admin.Email);

        var missing = await admin.GetAsync("/admin/students/no-such-student/export");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Every_table_with_a_student_id_column_is_in_the_export_and_erased()
    {
        var (_, studentId, _) = await StudentWithHistoryAsync("tables");
        var tablesWithStudents = await ScalarListAsync(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'student_id'");
        using var scope = app.Factory.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<StudentData>();

        var export = JsonDocument.Parse(await data.ExportAsync(studentId, AuditActor.CommandLine)).RootElement;
        var removed = await data.DeleteAsync(studentId, AuditActor.CommandLine);

        Assert.NotEmpty(tablesWithStudents);
        Assert.All(tablesWithStudents, table =>
        {
            Assert.True(export.TryGetProperty(table, out _), $"Table {table} has a student_id column but is not in StudentData's table list (src/TutorApp.Data/Privacy/StudentData.cs).");
            Assert.True(removed.ContainsKey(table), $"Table {table} is not erased by StudentData.DeleteAsync.");
        });
    }

    [Fact]
    public async Task Erasing_a_student_removes_their_rows_everywhere_and_leaves_other_students_alone()
    {
        var (_, studentId, secret) = await StudentWithHistoryAsync("erased");
        var (_, otherId, otherSecret) = await StudentWithHistoryAsync("kept");
        var before = await CountsAsync(otherId);

        using (var scope = app.Factory.Services.CreateScope())
        {
            var removed = await scope.ServiceProvider.GetRequiredService<StudentData>().DeleteAsync(studentId, new AuditActor("admin-id", Admin.Email));
            Assert.Equal(1, removed["account"]);
            Assert.True(removed["tutoring_turns"] >= 3);
        }

        Assert.Equal(new Dictionary<string, long> { ["users"] = 0, ["interactions"] = 0, ["tutoring_sessions"] = 0, ["tutoring_turns"] = 0, ["skill_mastery"] = 0, ["user_roles"] = 0 },
            await CountsAsync(studentId));
        Assert.Equal(0L, (await ScalarListAsync($"SELECT count(*)::text FROM tutoring_turns WHERE text LIKE '%{secret}%'")).Select(long.Parse).Single());
        Assert.Equal(before, await CountsAsync(otherId));
        Assert.Equal(1L, (await ScalarListAsync($"SELECT count(*)::text FROM tutoring_turns WHERE text LIKE '%{otherSecret}%'")).Select(long.Parse).Single());
        var entry = Assert.Single(await AuditAsync(AuditActions.UserDelete), e => e.Target == $"user {studentId}");
        Assert.Equal(Admin.Email, entry.ActorName);
        Assert.Contains("tutoring_turns:", entry.Details);
        // The log itself keeps no personal data of the erased student: only the opaque id.
        Assert.DoesNotContain("erased-", entry.Details + entry.Target);
    }

    [Fact]
    public async Task Only_students_can_be_exported_or_erased()
    {
        var (_, teacherId) = await TestUsers.CreateAsync(app.Factory.Services, Roles.Teacher, "not-a-student");
        using var scope = app.Factory.Services.CreateScope();
        var data = scope.ServiceProvider.GetRequiredService<StudentData>();

        await Assert.ThrowsAsync<StudentNotFoundException>(() => data.DeleteAsync(teacherId, AuditActor.CommandLine));
        await Assert.ThrowsAsync<StudentNotFoundException>(() => data.ExportAsync(teacherId, AuditActor.CommandLine));
        Assert.Equal(1L, (await CountsAsync(teacherId))["users"]);
    }

    [Fact]
    public async Task The_audit_page_lists_entries_for_admins()
    {
        using (var scope = app.Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(new AuditActor(null, "someone@admin.test"),
                AuditActions.ModelChange, "knowledge tracing", "<b>dkt</b> replaced by cakt");
        }
        var admin = app.NewClient();
        await AppFixture.LogInAsync(admin, Admin.Email, Admin.Password);

        var html = await admin.GetStringAsync("/admin/audit");

        Assert.Contains("someone@admin.test", html);
        Assert.Contains("model.change", html);
        Assert.Contains("&lt;b&gt;dkt&lt;/b&gt; replaced by cakt", html); // shown as text, never as markup
    }

    /// <summary>A student with a session holding a message of their own, its attempts and mastery.</summary>
    private async Task<(DemoAccount Account, string Id, string Secret)> StudentWithHistoryAsync(string name)
    {
        var (account, id) = await TestUsers.CreateAsync(app.Factory.Services, Roles.Student, name);
        var client = await TestUsers.TokenClientAsync(app.Factory, account.Email, account.Password);
        int problemId;
        using (var scope = app.Factory.Services.CreateScope())
        {
            problemId = (await scope.ServiceProvider.GetRequiredService<ProblemBank>().ListPublishedAsync()).First().ProblemId;
        }
        var session = (await (await client.PostAsJsonAsync("/api/v1/sessions", new StartSessionRequest(problemId)))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionView>())!;
        var secret = $"secret{Guid.NewGuid():N}"[..20];
        (await client.PostAsJsonAsync($"/api/v1/sessions/{session.Id}/messages", new SendMessageRequest($"16 {secret}"))).EnsureSuccessStatusCode();
        return (account, id, secret);
    }

    private async Task<Dictionary<string, long>> CountsAsync(string userId)
    {
        var counts = new Dictionary<string, long>();
        foreach (var (table, column) in new[] { ("users", "id"), ("interactions", "student_id"), ("tutoring_sessions", "student_id"),
                     ("skill_mastery", "student_id"), ("user_roles", "user_id") })
        {
            counts[table] = long.Parse((await ScalarListAsync($"SELECT count(*)::text FROM {table} WHERE {column} = '{userId}'")).Single());
        }
        counts["tutoring_turns"] = long.Parse((await ScalarListAsync(
            $"SELECT count(*)::text FROM tutoring_turns t JOIN tutoring_sessions s ON s.id = t.session_id WHERE s.student_id = '{userId}'")).Single());
        return counts;
    }

    private async Task<List<string>> ScalarListAsync(string sql)
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>().CreateDbContext();
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action)
    {
        using var scope = app.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuditLog>().ListAsync(action);
    }
}
