using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using TutorApp.Data;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests;

/// <summary>
/// The SQL migrations own the schema and the EF Core model describes it; this proves they agree on tables,
/// columns (type and nullability), primary keys, foreign keys and indexes.
/// </summary>
public sealed class SchemaDriftTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_EF_model_matches_the_migrated_schema()
    {
        var model = DescribeModel();
        var schema = await DescribeSchemaAsync();

        var missingFromSchema = model.Except(schema).Order().ToList();
        var missingFromModel = schema.Except(model).Order().ToList();
        Assert.True(missingFromSchema.Count == 0 && missingFromModel.Count == 0,
            "Schema drift.\nIn the EF model but not in the migrated database:\n  " + string.Join("\n  ", missingFromSchema) +
            "\nIn the migrated database but not in the EF model:\n  " + string.Join("\n  ", missingFromModel));
    }

    private HashSet<string> DescribeModel()
    {
        using var db = new TutorDbContext(new DbContextOptionsBuilder<TutorDbContext>().UseNpgsql(database.ConnectionString).Options);
        var facts = new HashSet<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var tableName = entity.GetTableName()!;
            var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
            facts.Add($"table {tableName}");
            foreach (var property in entity.GetProperties())
            {
                var nullability = property.IsColumnNullable(table) ? "null" : "not null";
                facts.Add($"column {tableName}.{property.GetColumnName(table)} {property.GetColumnType(table)} {nullability}");
            }

            var key = entity.FindPrimaryKey()!;
            facts.Add($"primary key {tableName} {key.GetName(table)} ({string.Join(", ", key.Properties.Select(p => p.GetColumnName(table)))})");

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                var principal = foreignKey.PrincipalEntityType.GetTableName();
                facts.Add($"foreign key {tableName} {foreignKey.GetConstraintName()} " +
                    $"({string.Join(", ", foreignKey.Properties.Select(p => p.GetColumnName(table)))}) -> {principal} " +
                    $"on delete {OnDelete(foreignKey.DeleteBehavior)}");
            }

            foreach (var index in entity.GetIndexes())
            {
                facts.Add($"index {tableName} {index.GetDatabaseName(table)} " +
                    $"({string.Join(", ", index.Properties.Select(p => p.GetColumnName(table)))}){(index.IsUnique ? " unique" : "")}");
            }
        }
        return facts;
    }

    private static string OnDelete(DeleteBehavior behavior) => behavior switch
    {
        DeleteBehavior.Cascade or DeleteBehavior.ClientCascade => "cascade",
        DeleteBehavior.SetNull => "set null",
        DeleteBehavior.Restrict => "restrict",
        _ => "no action",
    };

    private async Task<HashSet<string>> DescribeSchemaAsync()
    {
        var facts = new HashSet<string>();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        await ReadAsync(connection, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
            """, r => facts.Add($"table {r.GetString(0)}"));

        await ReadAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'schema_migrations' AND a.attnum > 0 AND NOT a.attisdropped
            """, r => facts.Add($"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)} {(r.GetBoolean(3) ? "not null" : "null")}"));

        await ReadAsync(connection, """
            SELECT t.relname, con.conname,
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.ordinality)
                    FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ordinality)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
                   con.contype, coalesce(f.relname, ''), con.confdeltype
            FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            LEFT JOIN pg_class f ON f.oid = con.confrelid
            WHERE n.nspname = 'public' AND con.contype IN ('p', 'f') AND t.relname <> 'schema_migrations'
            """, r =>
            {
                var kind = r.GetChar(3);
                facts.Add(kind == 'p'
                    ? $"primary key {r.GetString(0)} {r.GetString(1)} ({r.GetString(2)})"
                    : $"foreign key {r.GetString(0)} {r.GetString(1)} ({r.GetString(2)}) -> {r.GetString(4)} on delete {DeleteRule(r.GetChar(5))}");
            });

        await ReadAsync(connection, """
            SELECT t.relname, i.relname,
                   (SELECT string_agg(a.attname, ', ' ORDER BY k.ordinality)
                    FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ordinality)
                    JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum),
                   ix.indisunique
            FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND NOT ix.indisprimary AND t.relname <> 'schema_migrations'
            """, r => facts.Add($"index {r.GetString(0)} {r.GetString(1)} ({r.GetString(2)}){(r.GetBoolean(3) ? " unique" : "")}"));
        return facts;
    }

    private static string DeleteRule(char code) => code switch
    {
        'c' => "cascade",
        'n' => "set null",
        'r' => "restrict",
        _ => "no action",
    };

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Action<NpgsqlDataReader> row)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }
}
