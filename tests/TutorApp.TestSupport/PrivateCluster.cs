using System.Net;
using System.Net.Sockets;

namespace TutorApp.TestSupport;

/// <summary>
/// A PostgreSQL cluster of the test's own (infra/db.sh with its own port and data directory), which the test may stop
/// and start at will without disturbing anyone else's databases.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private PrivateCluster(int port, string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _environment = new() { ["TUTOR_PG_PORT"] = port.ToString(), ["TUTOR_PG_DATA"] = dataDirectory };
    }

    public string DataDirectory { get; }
    public string ConnectionString { get; private set; } = "";

    public static async Task<PrivateCluster> StartAsync()
    {
        // Under /var/tmp: the postgres user (when running as root) must be able to reach it.
        var cluster = new PrivateCluster(FreePort(), $"/var/tmp/tutor-fault-{Guid.NewGuid():N}");
        var output = await cluster.RunAsync("start");
        cluster.ConnectionString = output.Split('\n').Last(line => line.StartsWith("Host=", StringComparison.Ordinal)).Trim();
        return cluster;
    }

    public Task StartAgainAsync() => RunAsync("start");

    public Task StopAsync() => RunAsync("stop");

    private async Task<string> RunAsync(string command)
    {
        var (exitCode, output) = await Scripts.RunAsync("db.sh", _environment, command);
        return exitCode == 0 ? output : throw new InvalidOperationException($"infra/db.sh {command} failed ({exitCode}): {output}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(DataDirectory, recursive: true);
        File.Delete(DataDirectory + ".log");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
