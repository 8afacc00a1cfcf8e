using System.Diagnostics;
using System.Text.RegularExpressions;
using TutorApp.Data.Hosting;

namespace TutorApp.IntegrationTests.Security;

/// <summary>No credential is committed: private keys, cloud and API tokens, or a database password other than the local cluster's.</summary>
public sealed partial class RepositorySecretsTests
{
    // The local development cluster's password ("tutor", infra/db.sh) and the documented demo accounts are not secrets,
    // nor are placeholders ("Password=...", "Password=<...>", a variable) or a pattern that looks for passwords ("Password=[^;]").
    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|\bsk-[A-Za-z0-9_-]{20,}|\bghp_[A-Za-z0-9]{30,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|Password=(?!tutor\b|\$|\(|\.\.\.|<|\[)[^;""\s]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex Secret();

    [Fact]
    public void No_tracked_file_contains_a_credential()
    {
        var root = ContentRoot.Find();
        var files = TrackedFiles(root);
        var found = new List<string>();
        foreach (var file in files.Where(f => !f.EndsWith(".onnx", StringComparison.Ordinal)))
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 5_000_000)
            {
                continue;
            }
            foreach (Match match in Secret().Matches(File.ReadAllText(path)))
            {
                found.Add($"{file}: {match.Value[..Math.Min(24, match.Value.Length)]}…");
            }
        }

        Assert.True(files.Count > 100, $"Only {files.Count} tracked files found under {root}.");
        Assert.True(found.Count == 0, "Possible credentials in tracked files: " + string.Join("; ", found));
    }

    private static List<string> TrackedFiles(string root)
    {
        var git = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"]) { RedirectStandardOutput = true };
        using var process = Process.Start(git)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
