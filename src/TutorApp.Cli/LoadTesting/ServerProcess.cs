using System.Globalization;

namespace TutorApp.Cli.LoadTesting;

/// <summary>
/// The server process on this machine, read from /proc (Linux): resident and peak resident memory from
/// /proc/&lt;pid&gt;/status, CPU time from /proc/&lt;pid&gt;/stat. CPU time per turn stays comparable on a busy shared
/// machine, where wall-clock latency mostly measures the other tenants.
/// </summary>
internal sealed class ServerProcess(int pid)
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux platform .NET runs on.
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    /// <summary>VmRSS and VmHWM (the kernel's high-water mark of resident memory) in MiB; null once the process is gone.</summary>
    public (double RssMiB, double PeakMiB)? ReadMemory()
    {
        var lines = TryRead($"/proc/{Pid}/status")?.Split('\n');
        return lines is null ? null : (Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
    }

    /// <summary>User plus system CPU seconds the process has used so far; null once it is gone.</summary>
    public double? ReadCpuSeconds()
    {
        var stat = TryRead($"/proc/{Pid}/stat");
        if (stat is null)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may contain spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var userTicks = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var systemTicks = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (userTicks + systemTicks) / TicksPerSecond;
    }

    public static void RequireRunning(int pid)
    {
        if (!File.Exists($"/proc/{pid}/status"))
        {
            throw new ArgumentException($"--server-pid {pid}: no such process on this machine (its memory and CPU time are read from /proc/{pid}).");
        }
    }

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double Field(string[] lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"/proc status has no {name} line.");
        var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
