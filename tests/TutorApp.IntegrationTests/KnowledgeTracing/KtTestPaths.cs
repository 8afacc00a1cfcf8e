namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>Where the knowledge-tracing tests find the repository, the native library and the shared data.</summary>
internal static class KtTestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The tiny fixture models written by <c>python3 -m kt_training.fixtures</c>.</summary>
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "TutorApp.IntegrationTests", "KnowledgeTracing", "Models");

    public static string ShippedModels => Path.Combine(RepoRoot, "src", "TutorApp.KnowledgeTracing", "Models");

    /// <summary>The shared KT data (TUTOR_DATA_DIR, default ../shared/data beside the checkout); a clear failure when absent.</summary>
    public static string Data(string dataset)
    {
        var root = Environment.GetEnvironmentVariable("TUTOR_DATA_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepoRoot, "..", "shared", "data");
        var dir = Path.GetFullPath(Path.Combine(root, "kt", dataset));
        if (!Directory.Exists(dir))
        {
            throw new InvalidOperationException($"KT data set '{dataset}' not found at {dir}: set TUTOR_DATA_DIR to the shared data folder.");
        }
        return dir;
    }

    private static string FindRepoRoot()
    {
        if (Environment.GetEnvironmentVariable("TUTOR_REPO_ROOT") is { Length: > 0 } explicitRoot)
        {
            return Path.GetFullPath(explicitRoot);
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TutorApp.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No TutorApp.sln above {AppContext.BaseDirectory}; set TUTOR_REPO_ROOT.");
    }
}
