using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TutorApp.Cli.Evaluation;
using TutorApp.Data.Content;
using TutorApp.Data.Hosting;
using TutorApp.Tutoring.Simulation;

namespace TutorApp.Cli.Commands;

/// <summary><c>tutor evaluate tutoring</c>: simulated students through the real tutor, scored with MathDial's interactive metrics.</summary>
internal static class EvaluateCommand
{
    public static Command Create() => new("evaluate", "Evaluate the tutor.") { Tutoring(), JudgementCommand.Create() };

    private static Command Tutoring()
    {
        var problems = new Option<string>("--problems")
        {
            Description = "A MathDial CSV/JSONL or GSM8K JSONL file, a folder of them, or 'db' for the configured database's published problems.",
            Required = true,
        };
        var policy = new Option<string>("--policy")
        {
            Description = "adaptive, linear, telling or llm; several separated by commas.",
            DefaultValueFactory = _ => "adaptive",
        };
        var students = new Option<int>("--students") { Description = "Simulated students per problem.", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "The same seed gives the same report.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the JSON report; the HTML chart goes beside it (.html).", Required = true };
        var maxTurns = new Option<int>("--max-turns") { Description = "Student messages per session at most.", DefaultValueFactory = _ => 15 };
        var limit = new Option<int?>("--limit") { Description = "Only the first N problems (by key)." };
        var calibration = new Option<FileInfo?>("--calibration")
        {
            Description = "MathDial dialogues to calibrate the simulated student on and to measure the human teachers (default: $TUTOR_DATA_DIR/mathdial/dev.jsonl).",
        };
        var parallel = new Option<int>("--parallel") { Description = "Sessions run at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var keep = new Option<bool>("--keep-database") { Description = "Keep the throwaway database (its name is printed) to inspect the sessions." };
        var command = new Command("tutoring", "Run simulated students through the tutor on a throwaway database; report success@k and telling@k.")
        {
            problems, policy, students, seed, output, maxTurns, limit, calibration, parallel, keep,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var host = CliHost.Build();
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            try
            {
                var options = new HarnessOptions(
                    parseResult.GetValue(problems)!,
                    parseResult.GetValue(policy)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(HarnessPolicy.Parse).ToList(),
                    Positive(parseResult.GetValue(students), "--students"),
                    parseResult.GetValue(seed),
                    Positive(parseResult.GetValue(maxTurns), "--max-turns"),
                    parseResult.GetValue(limit),
                    parseResult.GetValue(calibration)?.FullName ?? DefaultCalibrationFile(),
                    Positive(parseResult.GetValue(parallel), "--parallel"),
                    parseResult.GetValue(keep));
                var started = System.Diagnostics.Stopwatch.StartNew();
                var report = await new TutoringHarness(configuration, Console.Error, Console.Out).RunAsync(options, cancellationToken);
                var path = parseResult.GetValue(output)!.FullName;
                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, CliJson.Options) + "\n", cancellationToken);
                var chart = Path.ChangeExtension(path, ".html");
                await File.WriteAllTextAsync(chart, EvaluationChart.Html(report), cancellationToken);
                Print(report);
                Console.WriteLine($"Wrote {path} and {chart} in {started.Elapsed.TotalSeconds:0.0} s.");
                return 0;
            }
            catch (Exception e) when (e is HarnessException or ImportFailedException or IOException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new HarnessException($"{name} must be at least 1, not {value}");

    private static string DefaultCalibrationFile()
    {
        var configured = Environment.GetEnvironmentVariable("TUTOR_DATA_DIR");
        var data = string.IsNullOrEmpty(configured) ? Path.Combine(ContentRoot.Find(), "..", "shared", "data") : configured;
        var file = Path.GetFullPath(Path.Combine(data, "mathdial", "dev.jsonl"));
        return File.Exists(file) ? file : throw new HarnessException($"{file} is missing: pass --calibration or set TUTOR_DATA_DIR");
    }

    private static void Print(EvaluationReport report)
    {
        var data = report.Calibration.Data;
        var fitted = report.Calibration.Parameters;
        Console.WriteLine($"Simulated student calibrated on {report.Settings.Calibration}: {data.WithMisconception} of {data.Dialogues} dialogues with a placed misconception");
        foreach (var move in new[] { "focus", "probing", "telling", "generic" })
        {
            var rate = move switch { "focus" => fitted.FocusFixRate, "probing" => fitted.ProbingFixRate, "telling" => fitted.TellingFixRate, _ => fitted.GenericFixRate };
            Console.WriteLine($"  corrects after {move,-8} {data.Fixes[move],4} of {data.Trials[move],4} replies  -> {rate:0.000}");
        }
        Console.WriteLine($"  repeats a stated value    {data.RevealCopies,4} of {data.RevealTrials,4} replies  -> {fitted.CopyRevealedRate:0.000}");
        Console.WriteLine($"  not corrected ({data.NotFixed}): I don't know {data.DontKnow} ({fitted.DontKnowRate:0.000}), asks for the answer {data.AsksForAnswer} ({fitted.AsksForAnswerRate:0.000}), " +
            $"asks a question {data.Questions} ({fitted.QuestionRate:0.000}), restates the wrong value {data.Restates} ({fitted.RestateRate:0.000}), working {data.Working} ({fitted.WorkingRate:0.000})");
        Console.WriteLine($"  presents the whole solution when asked something else: {data.OpeningsWithSolution} of {data.OpeningTrials} -> {fitted.OpensWithSolutionRate:0.000}");
        Console.WriteLine($"{report.Problems} problems; honest students with a synthesised misconception: {report.SynthesisedStudents}");

        var header = string.Join(" ", Enumerable.Range(1, InteractiveMetrics.MaxK).Select(k => $"s@{k}  ")) + " | "
            + string.Join(" ", Enumerable.Range(1, InteractiveMetrics.MaxK).Select(k => $"t@{k}  "));
        Console.WriteLine($"{"tutor",-18} {header} | solved  turns  reveals  moves");
        foreach (var policy in report.Policies)
        {
            Console.WriteLine($"{policy.Policy,-18} {Row(policy.Metrics)} | {policy.SolvedWithinLimit,6:0.000} {policy.MeanTurnsToSolve,6:0.00} {policy.SessionsWithRevealingTurns,8}  {Moves(policy.MoveShares)}");
        }
        Console.WriteLine($"{"MathDial teachers",-18} {Row(report.Anchor.Measured)} |                        {Moves(report.Anchor.TeacherMoveShares)}");
        Console.WriteLine($"  (teachers measured on {report.Anchor.Source}; paper: success@5 = {report.Anchor.PaperSuccessAt5:0.00}, telling@7 = {report.Anchor.PaperTellingAt7:0.00})");
        Console.WriteLine();
        Console.WriteLine("95% bootstrap intervals over problems (honest students):");
        Console.WriteLine($"{"tutor",-18} {"sessions",8}  {"success@5",-24} {"success@7",-24} {"telling@5",-24} {"telling@7",-24} {"Telling moves",-24}");
        foreach (var policy in report.Policies)
        {
            Console.WriteLine($"{policy.Policy,-18} {policy.Sessions,8}  {Intervals(policy.Intervals)}");
        }
        Console.WriteLine($"{"MathDial teachers",-18} {report.Anchor.Measured.Dialogues,8}  {Intervals(report.Anchor.Intervals)}");
        foreach (var difference in report.Differences)
        {
            Console.WriteLine($"{difference.Policy} - {difference.Baseline} (paired): success@5 {difference.SuccessAtK[4]}, success@7 {difference.SuccessAtK[6]}, " +
                $"telling@7 {difference.TellingAtK[6]}");
        }
        Console.WriteLine();
        Console.WriteLine("Adversarial students (sessions / solved / solved without ever writing the final answer):");
        foreach (var policy in report.Policies)
        {
            Console.WriteLine($"{policy.Policy,-18} " + string.Join("; ", policy.Adversarial.Select(a => $"{a.Behaviour} {a.Sessions}/{a.Solved}/{a.SolvedWithoutAnswer}")));
        }
        Console.WriteLine("Closings that praised solving it alone after a Telling turn: " +
            string.Join(", ", report.Policies.Select(p => $"{p.Policy} {p.PraisedAfterTelling}")));
    }

    private static string Intervals(IntervalCurve curve) =>
        $"{curve.SuccessAtK[4],-24} {curve.SuccessAtK[6],-24} {curve.TellingAtK[4],-24} {curve.TellingAtK[6],-24} {curve.TellingMoves?.ToString() ?? "",-24}";

    private static string Row(MetricCurve curve) =>
        string.Join(" ", curve.SuccessAtK.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture))) + " | "
        + string.Join(" ", curve.TellingAtK.Select(v => v.ToString("0.000", CultureInfo.InvariantCulture)));

    private static string Moves(IReadOnlyDictionary<string, double> shares) =>
        string.Join(" ", shares.Select(s => $"{s.Key} {s.Value:0.00}"));
}
