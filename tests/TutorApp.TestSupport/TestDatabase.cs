using Xunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TutorApp.Data;
using TutorApp.Data.Hosting;
using TutorApp.Data.Migrations;

namespace TutorApp.TestSupport;

/// <summary>
/// A database of its own for one test class, cloned from a template that was migrated once per test assembly,
/// so tests never see each other's data and cloning costs milliseconds instead of a migration run.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _templateName;

    public string Name { get; } = $"{RunPrefix}_{UniqueSuffix()}";
    public string ConnectionString => WithDatabase(Name);

    /// <summary>Databases of this test assembly start with this, so leftovers of a crashed run can be found.</summary>
    /// Each test assembly runs in its own process, and only it has loaded itself.
    private static string Prefix { get; } = "t_" + (AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetName().Name ?? "")
            .FirstOrDefault(n => n.StartsWith("TutorApp.", StringComparison.Ordinal) && n.EndsWith("Tests", StringComparison.Ordinal))
            ?? "TutorApp.Tests")
        .Replace("TutorApp.", "", StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>This test run's databases: the assembly's prefix and a run id, so a run drops only earlier runs' leftovers.</summary>
    private static string RunPrefix { get; } = $"{Prefix}_{Guid.NewGuid():N}"[..(Prefix.Length + 7)];

    // PostgreSQL names are at most 63 bytes.
    private static string UniqueSuffix() => Guid.NewGuid().ToString("N")[..16];

    public async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await ExecuteAsync($"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    /// <summary>An empty database (no migrations applied) for tests of the migration runner itself.</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var name = $"{RunPrefix}_empty_{UniqueSuffix()}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return name;
    }

    public static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public static string MigrationsDirectory => Path.Combine(ContentRoot.Find(), "migrations");

    /// <summary>The configured server (environment, else appsettings.json), as the app itself would read it.</summary>
    public static string ServerConnectionString { get; } = ReadServerConnectionString();

    private static string ReadServerConnectionString()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(ContentRoot.Find(), "appsettings.json"))
            .AddEnvironmentVariables()
            .Build();
        return DataServiceCollectionExtensions.RequireConnectionString(configuration);
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_templateName is not null)
            {
                return _templateName;
            }

            var template = $"{RunPrefix}_template";
            await DropLeftoversAsync();
            await ExecuteAsync($"CREATE DATABASE \"{template}\"");
            await new MigrationRunner(WithDatabase(template), MigrationsDirectory, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template.
            NpgsqlConnection.ClearAllPools();
            return _templateName = template;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task DropLeftoversAsync()
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE $1 AND datname NOT LIKE $2", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = Prefix + "\\_%" });
        query.Parameters.Add(new NpgsqlParameter { Value = RunPrefix + "\\_%" });
        var names = new List<string>();
        await using (var reader = await query.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(WithDatabase("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
