using System.Text;
using TutorApp.Data.Migrations;

namespace TutorApp.UnitTests;

public sealed class MigrationFileTests
{
    [Fact]
    public void The_checksum_ignores_line_ending_style_but_not_content()
    {
        var unix = new MigrationFile(1, "0001_a.sql", "CREATE TABLE a (id int);\nSELECT 1;\n");
        var windows = new MigrationFile(1, "0001_a.sql", "CREATE TABLE a (id int);\r\nSELECT 1;\r\n");
        var edited = new MigrationFile(1, "0001_a.sql", "CREATE TABLE a (id bigint);\nSELECT 1;\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
        Assert.Equal(64, unix.Checksum.Length);
    }

    [Fact]
    public void The_shipped_migrations_are_numbered_without_gaps()
    {
        var directory = Path.Combine(TutorApp.Data.Hosting.ContentRoot.Find(), "migrations");

        var files = MigrationFile.LoadDirectory(directory);

        Assert.Equal(Enumerable.Range(1, files.Count), files.Select(f => f.Version));
    }

    [Fact]
    public void Two_files_with_one_version_are_rejected_naming_both()
    {
        var directory = Directory.CreateTempSubdirectory("tutor-migration-names-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "0001_first.sql"), "SELECT 1;", Encoding.UTF8);
            File.WriteAllText(Path.Combine(directory, "0001_second.sql"), "SELECT 2;", Encoding.UTF8);

            var error = Assert.Throws<MigrationException>(() => MigrationFile.LoadDirectory(directory));

            Assert.Contains("0001_first.sql", error.Message);
            Assert.Contains("0001_second.sql", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
