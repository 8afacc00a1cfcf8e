namespace TutorApp.Data.Hosting;

/// <summary>
/// The web app and the CLI share one appsettings.json and one migrations/ folder. In a checkout they sit at the
/// repository root, several levels above the build output; in a published image they sit beside the binaries.
/// </summary>
public static class ContentRoot
{
    public static string Find()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("TUTOR_CONTENT_ROOT");
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "appsettings.json")) &&
                Directory.Exists(Path.Combine(directory.FullName, "migrations")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder holding appsettings.json and migrations/ was found above {AppContext.BaseDirectory}; " +
            "set TUTOR_CONTENT_ROOT to the folder that holds them.");
    }
}
