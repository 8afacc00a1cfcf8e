using TutorApp.Data.Hosting;

namespace TutorApp.TestSupport;

/// <summary>
/// The shared data sets (GSM8K, MathDial, KT data) live outside the repository; their folder is configuration:
/// TUTOR_DATA_DIR, by default ../shared/data beside the checkout.
/// </summary>
public static class TestData
{
    public static string Directory { get; } = Locate();

    public static string File(params string[] parts)
    {
        var path = Path.Combine([Directory, .. parts]);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"Test data file {path} is missing (data folder: {Directory}; set TUTOR_DATA_DIR).", path);
        }
        return path;
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("TUTOR_DATA_DIR");
        var path = Path.GetFullPath(string.IsNullOrEmpty(configured)
            ? Path.Combine(ContentRoot.Find(), "..", "shared", "data")
            : configured);
        if (!System.IO.Directory.Exists(path))
        {
            throw new DirectoryNotFoundException(
                $"The shared data folder {path} does not exist: put ../shared beside the checkout or set TUTOR_DATA_DIR.");
        }
        return path;
    }
}
