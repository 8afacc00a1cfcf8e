using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using TutorApp.Data.Hosting;

namespace TutorApp.TestSupport;

/// <summary>
/// The built web app as a real child process (<c>dotnet TutorApp.Web.dll</c>), listening on a loopback port of its own
/// choosing, with its own empty HOME so nothing (such as a file-system key ring) is shared with other processes except
/// through the configured database.
/// </summary>
public sealed partial class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _home;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebAppProcess(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        _home = Directory.CreateTempSubdirectory($"tutorapp-{name}-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { WebAppAssembly },
            WorkingDirectory = ContentRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["HOME"] = _home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(
            new InvalidOperationException($"App process {Name} exited (code {_process.ExitCode}) before listening:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>The home directory given to the process (empty at start).</summary>
    public string Home => _home;

    /// <summary>Everything the process wrote so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The web app's own build output (the test's configuration), started with <c>dotnet</c>.</summary>
    public static string WebAppAssembly
    {
        get
        {
            var configuration = typeof(WebAppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(ContentRoot.Find(), "src", "TutorApp.Web", "bin", configuration, "net10.0", "TutorApp.Web.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution first (dotnet build TutorApp.sln).", path);
        }
    }

    /// <summary>Starts the process; it migrates, seeds (Development) and then listens. <paramref name="settings"/> are
    /// configuration keys ("Section:Key") passed as environment variables.</summary>
    public static WebAppProcess Start(string name, IReadOnlyDictionary<string, string> settings) => new(name, settings);

    /// <summary>The address the app listens on, once it has said so.</summary>
    public async Task<Uri> WaitUntilListeningAsync(TimeSpan timeout)
    {
        try
        {
            return await _listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"App process {Name} did not start listening within {timeout}:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
