using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TutorApp.Data.Migrations;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private readonly List<string> _databases = [];
    private readonly List<string> _directories = [];

    [Fact]
    public async Task Applies_every_file_once_in_order_and_then_nothing()
    {
        var database = await EmptyDatabaseAsync();
        var files = MigrationFile.LoadDirectory(TestDatabase.MigrationsDirectory);

        var first = await Runner(database, TestDatabase.MigrationsDirectory).ApplyAsync();
        var second = await Runner(database, TestDatabase.MigrationsDirectory).ApplyAsync();

        Assert.Equal(files.Select(f => f.FileName), first.Select(f => f.FileName));
        Assert.Empty(second);
        Assert.Equal(files.Select(f => (f.Version, f.Checksum)), await HistoryAsync(database));
        Assert.Empty(await Runner(database, TestDatabase.MigrationsDirectory).GetPendingAsync());
    }

    [Fact]
    public async Task A_changed_applied_file_is_an_error_that_names_it()
    {
        var database = await EmptyDatabaseAsync();
        var directory = CopyOfMigrations();
        await Runner(database, directory).ApplyAsync();

        var first = Directory.GetFiles(directory, "*.sql").Order().First();
        await File.AppendAllTextAsync(first, "\n-- edited after it was applied\n");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Runner(database, directory).ApplyAsync());
        Assert.Contains(Path.GetFileName(first), error.Message);
        Assert.Contains("changed after it was applied", error.Message);
    }

    [Fact]
    public async Task A_failing_file_is_rolled_back_and_named()
    {
        var database = await EmptyDatabaseAsync();
        var directory = NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory, "0001_first.sql"), "CREATE TABLE first_table (id int);");
        await File.WriteAllTextAsync(Path.Combine(directory, "0002_broken.sql"),
            "CREATE TABLE second_table (id int);\nINSERT INTO no_such_table VALUES (1);");

        var error = await Assert.ThrowsAsync<MigrationException>(() => Runner(database, directory).ApplyAsync());

        Assert.Contains("0002_broken.sql", error.Message);
        Assert.Contains("no_such_table", error.Message);
        Assert.Equal([1], (await HistoryAsync(database)).Select(h => h.Version));
        Assert.True(await TableExistsAsync(database, "first_table"));
        Assert.False(await TableExistsAsync(database, "second_table"));
    }

    [Fact]
    public async Task Badly_named_files_are_rejected_with_the_file_name()
    {
        var directory = NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory, "1_oops.sql"), "SELECT 1;");

        var error = Assert.Throws<MigrationException>(() => MigrationFile.LoadDirectory(directory));
        Assert.Contains("1_oops.sql", error.Message);
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_file_exactly_once()
    {
        var database = await EmptyDatabaseAsync();
        var files = MigrationFile.LoadDirectory(TestDatabase.MigrationsDirectory);

        var results = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => Runner(database, TestDatabase.MigrationsDirectory).ApplyAsync())));

        var applied = results.SelectMany(r => r).Select(f => f.FileName).Order().ToList();
        Assert.Equal(files.Select(f => f.FileName).Order(), applied);
        Assert.Equal(files.Count, (await HistoryAsync(database)).Count);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await TestDatabase.DropAsync(database);
        }
        foreach (var directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static MigrationRunner Runner(string database, string directory) =>
        new(TestDatabase.WithDatabase(database), directory, NullLogger<MigrationRunner>.Instance);

    private async Task<string> EmptyDatabaseAsync()
    {
        var name = await TestDatabase.CreateEmptyAsync();
        _databases.Add(name);
        return name;
    }

    private string NewDirectory()
    {
        var directory = Directory.CreateTempSubdirectory("tutor-migrations-").FullName;
        _directories.Add(directory);
        return directory;
    }

    private string CopyOfMigrations()
    {
        var directory = NewDirectory();
        foreach (var file in Directory.GetFiles(TestDatabase.MigrationsDirectory, "*.sql"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }
        return directory;
    }

    private static async Task<List<(int Version, string Checksum)>> HistoryAsync(string database)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.WithDatabase(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }
        return rows;
    }

    private static async Task<bool> TableExistsAsync(string database, string table)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.WithDatabase(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
