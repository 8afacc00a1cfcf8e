namespace TutorApp.Cli.LoadTesting;

/// <summary>Resident and peak resident memory of the server process, read from /proc/&lt;pid&gt;/status (Linux, same machine).</summary>
internal sealed class ServerMemory(int pid)
{
    public int Pid { get; } = pid;

    /// <summary>VmRSS and VmHWM (the kernel's high-water mark of resident memory) in MiB; null once the process is gone.</summary>
    public (double RssMiB, double PeakMiB)? Read()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{Pid}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        return (Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
    }

    public static void RequireRunning(int pid)
    {
        if (!File.Exists($"/proc/{pid}/status"))
        {
            throw new ArgumentException($"--server-pid {pid}: no such process on this machine (the memory is read from /proc/{pid}/status).");
        }
    }

    private static double Field(string[] lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"/proc status has no {name} line.");
        var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}
