using System.Net;
using Npgsql;
using TutorApp.Data.Migrations;
using TutorApp.Data.Seeding;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

public sealed class ConcurrentStartupTests
{
    [Fact]
    public async Task Two_app_instances_starting_together_on_an_empty_database_apply_each_migration_once()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        try
        {
            var connectionString = TestDatabase.WithDatabase(database);
            await using var first = new TutorAppFactory(connectionString);
            await using var second = new TutorAppFactory(connectionString);

            // Creating a client builds and starts the host, which migrates and seeds before serving.
            var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

            foreach (var client in clients)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            }

            var files = MigrationFile.LoadDirectory(TestDatabase.MigrationsDirectory);
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            Assert.Equal(files.Count, await CountAsync(connection, "SELECT count(*) FROM schema_migrations"));
            Assert.Equal(files.Count, await CountAsync(connection, "SELECT count(DISTINCT version) FROM schema_migrations"));
            Assert.Equal(DemoDataSeeder.Accounts.Count, await CountAsync(connection, "SELECT count(*) FROM users"));
            Assert.Equal(1, await CountAsync(connection, "SELECT count(*) FROM problems"));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
