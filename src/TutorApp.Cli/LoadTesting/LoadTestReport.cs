using System.Globalization;

namespace TutorApp.Cli.LoadTesting;

internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max, double Mean);

/// <summary>
/// RSS samples of the server after the ramp-up, with the least-squares slope in MiB per minute: a leak shows as a
/// steady positive slope, while a heap that has settled stays near zero.
/// </summary>
internal sealed record MemoryTrend(string Source, double? PeakMiB, double? FirstRssMiB, double? LastRssMiB, double? SlopeMiBPerMinute,
    IReadOnlyList<MemorySample> Samples);

/// <summary>The figures of one load-test run. Latencies are over the turns started after the ramp-up (the full load).</summary>
internal sealed record LoadTestReport(
    string Url,
    int Students,
    double RampUpSeconds,
    double DurationSeconds,
    double ThinkTimeSeconds,
    double ElapsedSeconds,
    int TurnsTotal,
    int TurnsAtFullLoad,
    double TurnsPerSecond,
    int SessionsStarted,
    int SessionsSolved,
    LatencySummary ClientLatencyMs,
    LatencySummary? ServerLatencyMs,
    double? ServerCpuSecondsAtFullLoad,
    double? ServerCpuMsPerTurn,
    int Errors,
    IReadOnlyDictionary<string, int> ErrorsByKind,
    MemoryTrend? ServerMemory)
{
    public static LoadTestReport Create(LoadTestSettings settings, TimeSpan elapsed, IReadOnlyList<(double AtSeconds, double ClientMs, double? ServerMs)> turns,
        IReadOnlyDictionary<string, int> errors, int sessionsStarted, int sessionsSolved, IReadOnlyList<MemorySample> memory, double? peakMiB,
        double? serverCpuSeconds)
    {
        var rampUp = settings.RampUp.TotalSeconds;
        var full = turns.Where(t => t.AtSeconds >= rampUp).ToList();
        var server = full.Where(t => t.ServerMs is not null).Select(t => t.ServerMs!.Value).ToList();
        var afterRamp = memory.Where(m => m.AtSeconds >= rampUp).ToList();
        return new LoadTestReport(
            settings.BaseUrl.ToString(), settings.Students, rampUp, settings.Duration.TotalSeconds, settings.ThinkTime.TotalSeconds,
            Math.Round(elapsed.TotalSeconds, 1), turns.Count, full.Count,
            Math.Round(full.Count / Math.Max(1, settings.Duration.TotalSeconds), 2), sessionsStarted, sessionsSolved,
            Summarize(full.Select(t => t.ClientMs).ToList()),
            server.Count > 0 ? Summarize(server) : null,
            serverCpuSeconds is { } cpu ? Round(cpu) : null,
            serverCpuSeconds is { } used && full.Count > 0 ? Round(used * 1000 / full.Count) : null,
            errors.Values.Sum(), errors,
            settings.ServerPid is { } pid
                ? new MemoryTrend($"/proc/{pid}/status: VmRSS every 5 s, peak is VmHWM", peakMiB,
                    afterRamp.FirstOrDefault()?.RssMiB, afterRamp.LastOrDefault()?.RssMiB, Slope(afterRamp), memory)
                : null);
    }

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public void WriteText(TextWriter output)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{Students} students against {Url}: ramp-up {RampUpSeconds:0} s, then {DurationSeconds:0} s at full load, think time {ThinkTimeSeconds:0.#} s (uniform 0.5x-1.5x)"));
        output.WriteLine(string.Create(c, $"  turns: {TurnsAtFullLoad} at full load ({TurnsPerSecond:0.0}/s), {TurnsTotal} in all; sessions started {SessionsStarted}, solved {SessionsSolved}"));
        output.WriteLine($"  turn latency, client-measured: {Format(ClientLatencyMs)}");
        output.WriteLine($"  turn latency, server (Server-Timing): {(ServerLatencyMs is { } s ? Format(s) : "no Server-Timing header")}");
        if (ServerCpuSecondsAtFullLoad is { } cpu)
        {
            output.WriteLine(string.Create(c, $"  server CPU at full load: {cpu:0.0} s, {ServerCpuMsPerTurn:0.00} ms per turn (/proc/<pid>/stat; the database's CPU is not included)"));
        }
        output.WriteLine($"  errors: {Errors}");
        foreach (var (kind, count) in ErrorsByKind)
        {
            output.WriteLine($"    {count,6}  {kind}");
        }
        if (ServerMemory is { } m)
        {
            output.WriteLine(string.Create(c, $"  server memory ({m.Source}): peak {m.PeakMiB:0} MiB; RSS after ramp-up {m.FirstRssMiB:0} -> {m.LastRssMiB:0} MiB, trend {m.SlopeMiBPerMinute:+0.0;-0.0;0.0} MiB/min"));
        }
        else
        {
            output.WriteLine("  server memory: not measured (pass --server-pid)");
        }
    }

    private static string Format(LatencySummary s) => s.Count == 0
        ? "no turns"
        : string.Create(CultureInfo.InvariantCulture, $"p50 {s.P50:0.0} ms  p95 {s.P95:0.0} ms  p99 {s.P99:0.0} ms  max {s.Max:0.0} ms  mean {s.Mean:0.0} ms  ({s.Count} turns)");

    private static LatencySummary Summarize(List<double> values)
    {
        if (values.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        values.Sort();
        return new LatencySummary(values.Count, Round(Percentile(values, 0.50)), Round(Percentile(values, 0.95)), Round(Percentile(values, 0.99)),
            Round(values[^1]), Round(values.Average()));
    }

    private static double? Slope(IReadOnlyList<MemorySample> samples)
    {
        if (samples.Count < 3)
        {
            return null;
        }
        var meanT = samples.Average(s => s.AtSeconds);
        var meanM = samples.Average(s => s.RssMiB);
        var covariance = samples.Sum(s => (s.AtSeconds - meanT) * (s.RssMiB - meanM));
        var variance = samples.Sum(s => (s.AtSeconds - meanT) * (s.AtSeconds - meanT));
        return variance == 0 ? null : Round(covariance / variance * 60);
    }

    private static double Round(double value) => Math.Round(value, 2);
}
