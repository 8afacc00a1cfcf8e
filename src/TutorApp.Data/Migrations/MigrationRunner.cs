using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TutorApp.Data.Migrations;

/// <summary>
/// Applies the SQL files of migrations/ in version order, each in its own transaction, recording each in
/// <c>schema_migrations</c> with its checksum. A session-level advisory lock serialises concurrent runners
/// (two app instances starting together), so every file is applied exactly once.
/// </summary>
public sealed class MigrationRunner(string connectionString, string migrationsDirectory, ILogger<MigrationRunner> logger)
{
    // An arbitrary constant shared by every TutorApp process: "TUTORMIG" read as ASCII.
    private const long AdvisoryLockKey = 0x5455544f524d4947;

    private const string HistoryTableSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version integer PRIMARY KEY,
            file_name text NOT NULL,
            checksum text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            duration_ms integer NOT NULL
        )
        """;

    public async Task<IReadOnlyList<MigrationFile>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var files = MigrationFile.LoadDirectory(migrationsDirectory);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // No command timeout: another instance may hold the lock for as long as its migrations take on a busy server.
        await using (var takeLock = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection) { CommandTimeout = 0 })
        {
            await takeLock.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            await ExecuteAsync(connection, HistoryTableSql, cancellationToken);
            var pending = Pending(files, await ReadHistoryAsync(connection, cancellationToken));
            foreach (var file in pending)
            {
                await ApplyOneAsync(connection, file, cancellationToken);
            }
            return pending;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    /// <summary>The files not yet applied; throws when an applied file was changed or removed.</summary>
    public async Task<IReadOnlyList<MigrationFile>> GetPendingAsync(CancellationToken cancellationToken = default)
    {
        var files = MigrationFile.LoadDirectory(migrationsDirectory);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT to_regclass('schema_migrations') IS NOT NULL", connection);
        var historyExists = (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
        return historyExists ? Pending(files, await ReadHistoryAsync(connection, cancellationToken)) : files;
    }

    private static IReadOnlyList<MigrationFile> Pending(IReadOnlyList<MigrationFile> files, Dictionary<int, AppliedMigration> history)
    {
        var byVersion = files.ToDictionary(f => f.Version);
        foreach (var applied in history.Values)
        {
            if (!byVersion.TryGetValue(applied.Version, out var file))
            {
                throw new MigrationException(
                    $"Migration {applied.FileName} was applied to this database but is missing from the migrations directory.");
            }
            if (file.Checksum != applied.Checksum)
            {
                throw new MigrationException(
                    $"Migration {file.FileName} was changed after it was applied (checksum {applied.Checksum} in the database, " +
                    $"{file.Checksum} on disk). Applied migrations are immutable: revert the edit and add a new migration file.");
            }
        }
        return files.Where(f => !history.ContainsKey(f.Version)).ToList();
    }

    private async Task ApplyOneAsync(NpgsqlConnection connection, MigrationFile file, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using (var command = new NpgsqlCommand(file.Sql, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, file_name, checksum, duration_ms) VALUES ($1, $2, $3, $4)",
                connection, transaction);
            record.Parameters.Add(new() { Value = file.Version });
            record.Parameters.Add(new() { Value = file.FileName });
            record.Parameters.Add(new() { Value = file.Checksum });
            record.Parameters.Add(new() { Value = (int)stopwatch.ElapsedMilliseconds });
            await record.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new MigrationException($"Migration {file.FileName} failed and was rolled back: {ex.MessageText}" +
                (ex.Position > 0 ? $" (at character {ex.Position})" : ""), ex);
        }
        logger.LogInformation("Applied migration {File} in {Milliseconds} ms", file.FileName, stopwatch.ElapsedMilliseconds);
    }

    private static async Task<Dictionary<int, AppliedMigration>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, file_name, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new Dictionary<int, AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history.Add(reader.GetInt32(0), new AppliedMigration(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }
        return history;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record AppliedMigration(int Version, string FileName, string Checksum);
}
