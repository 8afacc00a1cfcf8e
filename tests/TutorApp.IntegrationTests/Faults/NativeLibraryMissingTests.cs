using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using TutorApp.Data.Hosting;
using TutorApp.IntegrationTests.KnowledgeTracing;
using TutorApp.TestSupport;

namespace TutorApp.IntegrationTests.Faults;

/// <summary>
/// ONNX Runtime's native library missing (a platform its package has no build for, an image that lost the file): the
/// app must start, serve BKT, warn once at start-up and report the knowledge-tracing check Degraded, naming the library.
/// A native library, once loaded, stays loaded for the life of a process (and .NET remembers a failed load as well), so
/// this runs the web app in a process of its own, from a mirror of its binaries without libonnxruntime.so.
/// </summary>
public sealed class NativeLibraryMissingTests : IAsyncLifetime
{
    private const string Library = "libonnxruntime.so";
    private readonly TestDatabase _database = new();
    private readonly string _mirror = Directory.CreateTempSubdirectory("tutor-no-ort-").FullName;

    public Task InitializeAsync() => _database.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_mirror, recursive: true);
    }

    [Fact]
    public async Task Without_libonnxruntime_the_app_starts_on_bkt_and_reports_the_degraded_component()
    {
        MirrorWithoutTheLibrary(AppContext.BaseDirectory, _mirror);
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Path.Combine(_mirror, "TutorApp.Web.dll")])
        {
            WorkingDirectory = _mirror,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["TUTOR_CONTENT_ROOT"] = ContentRoot.Find();
        start.Environment["ConnectionStrings__Tutor"] = _database.ConnectionString;
        start.Environment["Urls"] = url;
        start.Environment["KnowledgeTracing__Model"] = Path.Combine(KtTestPaths.ShippedModels, "dkt-assist2009.card.json");
        var output = new List<string>();
        using var app = new Process { StartInfo = start };
        app.OutputDataReceived += (_, e) => Collect(output, e.Data);
        app.ErrorDataReceived += (_, e) => Collect(output, e.Data);
        app.Start();
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            var report = await ReadinessAsync(new Uri(url), app, output);

            var check = report.GetProperty("checks").GetProperty("knowledge-tracing");
            Assert.Equal("Degraded", report.GetProperty("status").GetString());
            Assert.Equal("Degraded", check.GetProperty("status").GetString());
            Assert.Contains(Library, check.GetProperty("description").GetString());
            Assert.Contains("serving bkt instead", check.GetProperty("description").GetString());
            lock (output)
            {
                var warning = Assert.Single(output, line => line.Contains("using BKT instead", StringComparison.Ordinal));
                Assert.Contains(Library, warning);
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static void Collect(List<string> output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Add(line);
            }
        }
    }

    /// <summary>The test's output folder holds the web app and all it needs: links to every file but the library, and a
    /// dependency manifest that no longer lists it (as on a platform the package has no build for; with the entry left in,
    /// the .NET host would refuse to start the app at all).</summary>
    private static void MirrorWithoutTheLibrary(string binaries, string mirror)
    {
        foreach (var file in Directory.EnumerateFiles(binaries, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(binaries, file);
            if (Path.GetFileName(file) == Library || relative == "TutorApp.Web.deps.json")
            {
                continue;
            }
            var target = Path.Combine(mirror, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // A copy, not a link, of the app itself: the host takes the app's folder from the real path of its .dll.
            if (relative == "TutorApp.Web.dll")
            {
                File.Copy(file, target);
            }
            else
            {
                File.CreateSymbolicLink(target, file);
            }
        }
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(binaries, "TutorApp.Web.deps.json")))!;
        foreach (var library in deps["targets"]!.AsObject().SelectMany(t => t.Value!.AsObject()))
        {
            if (library.Value!["runtimeTargets"] is JsonObject targets)
            {
                foreach (var path in targets.Select(t => t.Key).Where(p => Path.GetFileName(p) == Library).ToList())
                {
                    targets.Remove(path);
                }
            }
        }
        File.WriteAllText(Path.Combine(mirror, "TutorApp.Web.deps.json"), deps.ToJsonString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>/health/ready once the app answers (migrations and start-up take a while on a busy machine).</summary>
    private static async Task<JsonElement> ReadinessAsync(Uri url, Process app, List<string> output)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (app.HasExited)
            {
                lock (output)
                {
                    throw new Xunit.Sdk.XunitException($"the app exited with {app.ExitCode}:\n{string.Join('\n', output)}");
                }
            }
            try
            {
                return await client.GetFromJsonAsync<JsonElement>("/health/ready");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}
