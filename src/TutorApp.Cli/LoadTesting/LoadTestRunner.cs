using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TutorApp.Cli.LoadTesting;

internal sealed record LoadTestSettings(
    Uri BaseUrl, int Students, TimeSpan Duration, TimeSpan RampUp, TimeSpan ThinkTime, string Password, int? ServerPid, int Seed);

/// <summary>
/// Runs N simulated students against a running server over the JSON API: sign in (bearer tokens), then each student,
/// started evenly over the ramp-up, solves problems turn by turn until the run ends. Turn latency is measured by the
/// client around each POST .../messages and read from the server's Server-Timing header.
/// </summary>
internal sealed class LoadTestRunner(LoadTestSettings settings, IReadOnlyList<ProblemAnswers> problems, TextWriter progress)
{
    private const int MaxTurnsPerSession = 40;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);

    private readonly ConcurrentQueue<TurnSample> _turns = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly List<MemorySample> _memory = [];
    private readonly ServerProcess? _server = settings.ServerPid is { } pid ? new ServerProcess(pid) : null;
    private int _activeStudents;
    private int _sessionsStarted;
    private int _sessionsSolved;

    private readonly record struct TurnSample(double AtSeconds, double ClientMs, double? ServerMs);

    public async Task<LoadTestReport> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = settings.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

        var signInClock = Stopwatch.StartNew();
        var tokens = await SignInAsync(http, cancellationToken);
        progress.WriteLine($"loadtest: {tokens.Count} students signed in in {signInClock.Elapsed.TotalSeconds:0.0} s; ramping up over {settings.RampUp.TotalSeconds:0} s");

        var clock = Stopwatch.StartNew();
        var end = settings.RampUp + settings.Duration;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(end);
        // Requests still in flight when the run ends get a grace period; after it they count as errors.
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(end + TimeSpan.FromSeconds(30));

        var students = tokens.Select((token, index) => StudentAsync(http, token, index, clock, stop.Token, hardStop.Token)).ToList();
        var monitor = MonitorAsync(clock, stop.Token);
        try
        {
            await Task.Delay(settings.RampUp, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        // CPU per turn is counted over the full-load phase only, like the latencies.
        var cpuAtFullLoad = _server?.ReadCpuSeconds();
        await monitor;
        var cpuAtEnd = _server?.ReadCpuSeconds();
        await Task.WhenAll(students);
        SampleMemory(clock);
        return LoadTestReport.Create(settings, clock.Elapsed, _turns.ToList().ConvertAll(t => (t.AtSeconds, t.ClientMs, t.ServerMs)),
            new SortedDictionary<string, int>(_errors), _sessionsStarted, _sessionsSolved, _memory, _server?.ReadMemory()?.PeakMiB,
            cpuAtEnd - cpuAtFullLoad);
    }

    private async Task<List<string>> SignInAsync(HttpClient http, CancellationToken cancellationToken)
    {
        // Password hashing dominates signing in; a few at a time keeps the server responsive while it happens.
        var tokens = new string[settings.Students];
        await Parallel.ForEachAsync(Enumerable.Range(0, settings.Students), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var email = LoadTestAccounts.Email(index + 1);
                using var response = await http.PostAsJsonAsync("api/v1/auth/token", new { email, password = settings.Password }, token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new LoadTestException($"Signing in as {email} failed with HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(token)} " +
                        $"(create the accounts first: tutor seed students {settings.Students}).");
                }
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(token);
                tokens[index] = body.GetProperty("accessToken").GetString()!;
            });
        return [.. tokens];
    }

    private async Task StudentAsync(HttpClient http, string token, int index, Stopwatch clock, CancellationToken stop, CancellationToken hardStop)
    {
        var random = new Random(settings.Seed + index);
        try
        {
            await Task.Delay(settings.RampUp * index / settings.Students, stop);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Interlocked.Increment(ref _activeStudents);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var problem = problems[random.Next(problems.Count)];
                var session = await SendAsync(http, token, HttpMethod.Post, "api/v1/sessions", new { problemId = problem.ProblemId }, clock, timed: false, hardStop);
                if (session is null)
                {
                    await ThinkAsync(random, stop);
                    continue;
                }
                Interlocked.Increment(ref _sessionsStarted);
                var sessionId = session.Value.GetProperty("id").GetInt64();
                var view = session.Value;
                var student = new LoadStudent(problem, random);
                for (var turn = 0; turn < MaxTurnsPerSession && view.GetProperty("status").GetString() == "Active"; turn++)
                {
                    await ThinkAsync(random, stop);
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    var message = student.NextMessage(view.GetProperty("resolvedSteps").GetInt32());
                    var next = await SendAsync(http, token, HttpMethod.Post, $"api/v1/sessions/{sessionId}/messages", new { text = message }, clock, timed: true, hardStop);
                    if (next is null)
                    {
                        break;
                    }
                    view = next.Value;
                }
                if (view.GetProperty("status").GetString() == "Solved")
                {
                    Interlocked.Increment(ref _sessionsSolved);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _activeStudents);
        }
    }

    /// <summary>Think time as a person would take it: uniformly between half and one and a half times the setting.</summary>
    private Task ThinkAsync(Random random, CancellationToken stop)
    {
        if (settings.ThinkTime <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }
        var delay = settings.ThinkTime * (0.5 + random.NextDouble());
        return Task.Delay(delay, stop).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>One request; the response body as JSON, or null after recording the error by kind.</summary>
    private async Task<JsonElement?> SendAsync(HttpClient http, string token, HttpMethod method, string path, object body, Stopwatch clock, bool timed,
        CancellationToken hardStop)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var startedAt = clock.Elapsed.TotalSeconds;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, hardStop);
            var text = await response.Content.ReadAsStringAsync(hardStop);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                RecordError($"HTTP {(int)response.StatusCode} {response.StatusCode}{ProblemDetail(text)}");
                return null;
            }
            var json = JsonSerializer.Deserialize<JsonElement>(text);
            if (timed)
            {
                _turns.Enqueue(new TurnSample(startedAt, elapsed, ServerTiming(response)));
            }
            return json;
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            RecordError("unfinished 30 s after the run ended");
            return null;
        }
        catch (TaskCanceledException)
        {
            RecordError("timeout (30 s)");
            return null;
        }
        catch (HttpRequestException e)
        {
            RecordError($"connection: {e.HttpRequestError}");
            return null;
        }
        catch (JsonException)
        {
            RecordError("response is not JSON");
            return null;
        }
    }

    /// <summary>The problem-details "detail" of a refusal, so that errors are grouped by what the server said.</summary>
    private static string ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("detail", out var detail)
                ? $": {detail.GetString()}"
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static double? ServerTiming(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Server-Timing", out var values))
        {
            return null;
        }
        foreach (var part in values.SelectMany(v => v.Split([',', ';'], StringSplitOptions.TrimEntries)))
        {
            if (part.StartsWith("dur=", StringComparison.Ordinal) &&
                double.TryParse(part.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                return ms;
            }
        }
        return null;
    }

    private void RecordError(string kind) => _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);

    /// <summary>Every few seconds: one progress line on stderr and one memory sample of the server.</summary>
    private async Task MonitorAsync(Stopwatch clock, CancellationToken stop)
    {
        var lastCount = 0;
        var lastAt = 0.0;
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var memory = SampleMemory(clock);
                var all = _turns.ToArray();
                var now = clock.Elapsed.TotalSeconds;
                var recent = all.Skip(lastCount).Select(t => t.ServerMs ?? t.ClientMs).Order().ToList();
                var rate = (all.Length - lastCount) / Math.Max(0.001, now - lastAt);
                var p95 = recent.Count > 0 ? LoadTestReport.Percentile(recent, 0.95) : 0;
                var rss = memory is { } m ? string.Create(CultureInfo.InvariantCulture, $"  server RSS {m.RssMiB:0} MiB") : "";
                progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"loadtest: {now,6:0}s  students {Volatile.Read(ref _activeStudents),4}  turns {all.Length,7}  {rate,6:0.0}/s  turn p95 {p95,6:0.0} ms  errors {_errors.Values.Sum(),4}{rss}"));
                lastCount = all.Length;
                lastAt = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private MemorySample? SampleMemory(Stopwatch clock)
    {
        if (_server?.ReadMemory() is not { } read)
        {
            return null;
        }
        var sample = new MemorySample(Math.Round(clock.Elapsed.TotalSeconds, 1), Math.Round(read.RssMiB, 1));
        lock (_memory)
        {
            _memory.Add(sample);
        }
        return sample;
    }
}

internal sealed record MemorySample(double AtSeconds, double RssMiB);

internal sealed class LoadTestException(string message) : Exception(message);
