using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Data;
using TutorApp.Data.Practice;

namespace TutorApp.IntegrationTests;

/// <summary>Bulk import of DKVMN practice files as interactions (COPY) on the real database.</summary>
public sealed class InteractionImportTests(ContentFixture content) : IClassFixture<ContentFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dkvmn-").FullName;

    [Fact]
    public async Task A_folder_becomes_students_skills_and_interactions_in_file_order()
    {
        File.WriteAllText(Path.Combine(_folder, "tiny_train.csv"), "3\n1,1,2\n0,1,1\n2\n2,1\n1,0\n");
        File.WriteAllText(Path.Combine(_folder, "tiny_test.csv"), "1\n7\n1\n");
        File.WriteAllText(Path.Combine(_folder, "tiny_sname_sid"), "Adding fractions\t1\nCircumference\t2\n");

        var report = await ImportAsync(_folder, "tiny");

        Assert.Equal((3, 6, 3), (report.Students, report.Interactions, report.SkillsCreated));
        Assert.Equal(["tiny_train.csv", "tiny_test.csv"], report.Files);
        using var scope = content.Services.CreateScope();
        await using var db = await content.Get<IDbContextFactory<TutorDbContext>>(scope).CreateDbContextAsync();
        var first = await db.Users.SingleAsync(u => u.Email == "tiny-00001@import.invalid");
        Assert.Null(first.PasswordHash);
        Assert.True(await db.UserRoles.AnyAsync(r => r.UserId == first.Id && r.RoleId == "role-student"));
        var history = await db.Interactions.Where(i => i.StudentId == first.Id).OrderBy(i => i.OccurredAt)
            .Join(db.Skills, i => i.SkillId, s => s.Id, (i, s) => new { s.Name, i.Correct }).ToListAsync();
        Assert.Equal([("Adding fractions", false), ("Adding fractions", true), ("Circumference", true)], history.Select(h => (h.Name, h.Correct)));
        Assert.True(await db.Skills.AnyAsync(s => s.Name == "tiny skill 7"));
    }

    [Fact]
    public async Task A_bad_value_names_file_and_line_and_nothing_is_imported()
    {
        var file = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(file, "2\n1,1\n0,1\n\n3\n1,x,2\n0,1,1\n");

        var error = await Assert.ThrowsAsync<InteractionImportException>(() => ImportAsync(file, "bad"));

        Assert.Equal($"{file}:6: skill id 2 is 'x', not a whole number.", error.Message);
        using var scope = content.Services.CreateScope();
        await using var db = await content.Get<IDbContextFactory<TutorDbContext>>(scope).CreateDbContextAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email!.StartsWith("bad-")));
    }

    [Fact]
    public async Task A_length_that_does_not_match_is_refused()
    {
        var file = Path.Combine(_folder, "short.csv");
        File.WriteAllText(file, "3\n1,2\n0,1,1\n");

        var error = await Assert.ThrowsAsync<InteractionImportException>(() => ImportAsync(file, "short"));

        Assert.Equal($"{file}:2: 2 skill ids, but the learner's length line says 3.", error.Message);
    }

    [Fact]
    public async Task The_same_data_set_twice_is_refused_and_the_first_import_stays()
    {
        var file = Path.Combine(_folder, "twice.csv");
        File.WriteAllText(file, "2\n4,5\n1,1\n");
        await ImportAsync(file, "twice");

        var error = await Assert.ThrowsAsync<InteractionImportException>(() => ImportAsync(file, "twice"));

        Assert.Contains("was imported before", error.Message);
        using var scope = content.Services.CreateScope();
        await using var db = await content.Get<IDbContextFactory<TutorDbContext>>(scope).CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email!.StartsWith("twice-")));
    }

    private async Task<InteractionImportReport> ImportAsync(string path, string name)
    {
        using var scope = content.Services.CreateScope();
        return await content.Get<InteractionImport>(scope).ImportDkvmnAsync(path, name);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
