using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Cli.LoadTesting;
using TutorApp.Data.Content;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor loadtest</c>: simulated students against a running server; see LoadTestRunner.</summary>
internal static class LoadTestCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The server's base address, e.g. http://127.0.0.1:5080.", Required = true };
        var students = new Option<int>("--students") { Description = "Concurrent simulated students (accounts from 'tutor seed students N').", DefaultValueFactory = _ => 50 };
        var duration = new Option<string>("--duration") { Description = "How long to run at full load after the ramp-up: 30s, 5m, 1h.", DefaultValueFactory = _ => "1m" };
        var rampUp = new Option<string>("--ramp-up") { Description = "Students start evenly over this time.", DefaultValueFactory = _ => "20s" };
        var think = new Option<string>("--think-time") { Description = "Mean pause before each message (uniform 0.5x-1.5x); 0 sends back to back.", DefaultValueFactory = _ => "5s" };
        var serverPid = new Option<int?>("--server-pid") { Description = "The server's process id on this machine: its memory and CPU time are read from /proc/<pid>." };
        var password = new Option<string>("--password") { Description = "The students' password.", DefaultValueFactory = _ => LoadTestAccounts.DefaultPassword };
        var problems = new Option<int>("--problems") { Description = "Use at most this many published problems.", DefaultValueFactory = _ => 200 };
        var seed = new Option<int>("--seed") { Description = "Random seed of the students' choices.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (progress still goes to stderr)." };
        var command = new Command("loadtest",
            "Run simulated students against a running server over the JSON API; report throughput, turn latency (p50/p95/p99), errors and server memory.")
        {
            url, students, duration, rampUp, think, serverPid, password, problems, seed, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var settings = new LoadTestSettings(
                    BaseUrl(parseResult.GetValue(url)!),
                    parseResult.GetValue(students) is var n and >= 1 and <= 100_000 ? n : throw new ArgumentException("--students must be between 1 and 100000."),
                    Duration(parseResult.GetValue(duration)!, "--duration"),
                    Duration(parseResult.GetValue(rampUp)!, "--ramp-up"),
                    Duration(parseResult.GetValue(think)!, "--think-time"),
                    parseResult.GetValue(password)!,
                    parseResult.GetValue(serverPid),
                    parseResult.GetValue(seed));
                if (settings.ServerPid is { } pid)
                {
                    ServerProcess.RequireRunning(pid);
                }

                IReadOnlyList<ProblemAnswers> answers;
                using (var host = CliHost.Build())
                using (var scope = host.Services.CreateScope())
                {
                    answers = await AnswerKey.LoadAsync(scope.ServiceProvider.GetRequiredService<ProblemBank>(), parseResult.GetValue(problems), cancellationToken);
                }
                if (answers.Count == 0)
                {
                    throw new LoadTestException("The database has no published problems to solve (import some first, e.g. tutor import gsm8k FILE --publish, or publish the review queue).");
                }
                Console.Error.WriteLine($"loadtest: {answers.Count} published problems; {settings.Students} students, ramp-up {settings.RampUp.TotalSeconds:0} s, " +
                    $"{settings.Duration.TotalSeconds:0} s at full load, think time {settings.ThinkTime.TotalSeconds:0.#} s");

                var report = await new LoadTestRunner(settings, answers, Console.Error).RunAsync(cancellationToken);
                if (parseResult.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                }
                else
                {
                    report.WriteText(Console.Out);
                }
                return report.Errors == 0 ? 0 : 2;
            }
            catch (Exception e) when (e is ArgumentException or LoadTestException or HttpRequestException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Uri BaseUrl(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--url '{text}' is not an http(s) address such as http://127.0.0.1:5080.");

    /// <summary>"30s", "5m", "1h", "250ms" or a plain number of seconds.</summary>
    internal static TimeSpan Duration(string text, string option)
    {
        var value = text.Trim();
        (string Suffix, Func<double, TimeSpan> Make)[] units =
            [("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours)];
        foreach (var (suffix, make) in units)
        {
            if (value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(value[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                return make(amount);
            }
        }
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{option} '{text}' is not a duration: write e.g. 30s, 5m, 1h or 250ms.");
    }
}
