using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TutorApp.Data;
using TutorApp.Data.Content;
using TutorApp.Data.Hosting;
using TutorApp.Data.Identity;
using TutorApp.Data.Migrations;
using TutorApp.Data.Tutoring;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Domain.Sessions;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Simulation;
using TutorApp.KnowledgeTracing;
using TutorApp.Llm;

namespace TutorApp.Cli.Evaluation;

/// <summary>A policy the harness can run: the engine strategy, and whether it needs the LLM tutor.</summary>
public sealed record HarnessPolicy(string Name, TutoringStrategy Strategy, bool UsesLlm)
{
    public static readonly IReadOnlyList<HarnessPolicy> All =
    [
        new("adaptive", TutoringStrategy.Adaptive, false),
        new("linear", TutoringStrategy.Linear, false),
        new("telling", TutoringStrategy.Telling, false),
        new("llm", TutoringStrategy.Adaptive, true),
    ];

    public static HarnessPolicy Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new HarnessException($"unknown policy \"{name}\": use {string.Join(", ", All.Select(p => p.Name))}");
}

public sealed class HarnessException(string message) : Exception(message);

/// <summary>What to run.</summary>
/// <param name="Problems">A MathDial CSV/JSONL or GSM8K JSONL file, a folder of them, or "db" for the configured database's published problems.</param>
/// <param name="Parallelism">Sessions run at once (each has its own student, so results do not depend on it).</param>
public sealed record HarnessOptions(
    string Problems,
    IReadOnlyList<HarnessPolicy> Policies,
    int StudentsPerProblem,
    int Seed,
    int MaxTurns,
    int? ProblemLimit,
    string CalibrationFile,
    int Parallelism,
    bool KeepDatabase = false);

/// <summary>
/// Runs simulated students through the web app's own turn path (TutoringSessions: engine, persistence of turns and
/// attempts, mastery, all on PostgreSQL) in a throwaway database, and measures MathDial's interactive metrics.
/// </summary>
public sealed class TutoringHarness(IConfiguration configuration, TextWriter progressOutput, TextWriter log)
{
    /// <summary>The <c>--problems</c> value that means the configured database's published problems.</summary>
    public const string DatabaseSource = "db";

    public async Task<EvaluationReport> RunAsync(HarnessOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Policies.Any(p => p.UsesLlm) && string.IsNullOrWhiteSpace(configuration["Llm:Endpoint"]))
        {
            throw new HarnessException(
                "policy \"llm\" needs an LLM endpoint: set Llm:Endpoint (environment variable Llm__Endpoint) to an OpenAI-compatible server");
        }
        var dialogues = TutorApp.Domain.Content.Import.MathDialDialogues.Read(options.CalibrationFile);
        var calibration = SimulatorCalibration.Fit(dialogues);
        var anchor = HumanAnchor.From(Path.GetFileName(options.CalibrationFile), dialogues);
        var simulator = new StudentSimulator(calibration.Parameters);

        var server = DataServiceCollectionExtensions.RequireConnectionString(configuration);
        var database = $"tutor_eval_{Guid.NewGuid():N}"[..27];
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"", cancellationToken);
        log.WriteLine($"throwaway database {database}");
        try
        {
            var problems = await PrepareAsync(options, connectionString, cancellationToken);
            var results = new List<PolicyResult>();
            foreach (var policy in options.Policies)
            {
                using var host = BuildHost(connectionString, policy);
                var sessions = await RunPolicyAsync(host.Services, policy, problems, simulator, options, cancellationToken);
                results.Add(PolicyResult.From(policy.Name, sessions));
            }
            return new EvaluationReport(
                new EvaluationSettings(options.Problems, options.Policies.Select(p => p.Name).ToList(), options.StudentsPerProblem, options.Seed,
                    options.MaxTurns, options.ProblemLimit, Path.GetFileName(options.CalibrationFile)),
                problems.Count, problems.Where(p => p.Profiles.Count == 0).Select(p => p.Key).ToList(), calibration, anchor, results);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (!options.KeepDatabase)
            {
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", CancellationToken.None);
            }
        }
    }

    /// <summary>A problem as the sessions use it, with its simulated students' misconceptions (fixed per seed).</summary>
    private sealed record ProblemUnderTest(string Key, int ProblemId, BankProblemVersion Version, IReadOnlyList<StudentProfile> Profiles,
        IReadOnlyList<decimal> Answers);

    /// <summary>Migrates the throwaway database, imports the problems through the one import pipeline, and samples students.</summary>
    private async Task<List<ProblemUnderTest>> PrepareAsync(HarnessOptions options, string connectionString, CancellationToken cancellationToken)
    {
        using var host = BuildHost(connectionString, HarnessPolicy.All[0]);
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ContentImport>();
        if (options.Problems == DatabaseSource)
        {
            // The configured database's bank, exported and imported into the throwaway one, so its sessions stay untouched.
            var exported = Path.Combine(Path.GetTempPath(), $"tutor-eval-bank-{Guid.NewGuid():N}.json");
            try
            {
                await File.WriteAllTextAsync(exported, BankJson.Write(await ExportConfiguredBankAsync(cancellationToken)), cancellationToken);
                await ImportAsync(import, exported, ImportFormat.Bank, cancellationToken);
            }
            finally
            {
                File.Delete(exported);
            }
        }
        else
        {
            foreach (var (path, format) in await SourcesAsync(options.Problems, cancellationToken))
            {
                await ImportAsync(import, path, format, cancellationToken);
            }
        }

        var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var published = await db.ProblemVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
            .Join(db.Problems, v => v.ProblemId, p => p.Id, (v, p) => new { p.Key, v.ProblemId, VersionId = v.Id })
            .ToListAsync(cancellationToken);
        var problems = new List<ProblemUnderTest>();
        foreach (var item in published.OrderBy(p => p.Key, StringComparer.Ordinal).Take(options.ProblemLimit ?? int.MaxValue))
        {
            var version = await bank.LoadBankVersionAsync(item.VersionId, cancellationToken)
                ?? throw new HarnessException($"problem {item.Key} could not be loaded");
            var answers = version.FinalAnswer.RevealingNumbers();
            var profiles = new List<StudentProfile>();
            for (var student = 0; answers.Count > 0 && student < options.StudentsPerProblem; student++)
            {
                if (StudentSimulator.SampleProfile(version, new Random(Seeds.For(options.Seed, item.Key, student, 0))) is { } profile)
                {
                    profiles.Add(profile);
                }
            }
            problems.Add(new ProblemUnderTest(item.Key, item.ProblemId, version, profiles, answers));
        }
        if (problems.Count == 0)
        {
            throw new HarnessException($"{options.Problems}: no problem could be imported");
        }
        return problems;
    }

    private async Task<List<SessionResult>> RunPolicyAsync(IServiceProvider services, HarnessPolicy policy, List<ProblemUnderTest> problems,
        StudentSimulator simulator, HarnessOptions options, CancellationToken cancellationToken)
    {
        var work = problems.SelectMany(p => p.Profiles.Select((profile, student) => (Problem: p, Profile: profile, Student: student))).ToList();
        var userIds = await CreateStudentsAsync(services, policy.Name, work.Count, cancellationToken);
        var results = new SessionResult[work.Count];
        var progress = new ProgressBar(progressOutput, policy.Name, work.Count);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (problem, profile, student) = work[index];
                var simulated = simulator.Create(problem.Version, profile, Seeds.For(options.Seed, problem.Key, student, 1));
                results[index] = await RunSessionAsync(services, userIds[index], problem, student, simulated, options.MaxTurns, token);
                progress.Advance();
            });
        progress.Finish();
        var turns = results.Sum(r => r.StudentMessages);
        log.WriteLine($"{policy.Name}: {work.Count} sessions, {turns} student turns in {stopwatch.Elapsed.TotalSeconds:0.0} s " +
            $"({(turns == 0 ? 0 : stopwatch.Elapsed.TotalMilliseconds / turns):0.00} ms per turn, {options.Parallelism} at once)");
        return results.ToList();
    }

    private static async Task<SessionResult> RunSessionAsync(IServiceProvider services, string userId, ProblemUnderTest problem, int student,
        SimulatedStudent simulated, int maxTurns, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var tutoring = scope.ServiceProvider.GetRequiredService<TutoringSessions>();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>();
        var teacher = new List<string>();
        var said = new List<string>();
        var moves = new List<string>();
        var replies = new List<string>();
        int revealing = 0, guarded = 0, lastNumber = 0;
        int? solvedAfter = null;

        var view = await tutoring.StartAsync(userId, problem.ProblemId, cancellationToken);
        while (true)
        {
            // The tutor's new turns, with the step and node they ask about (stored with each turn by the session service).
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var rows = await db.TutoringTurns.AsNoTracking().Where(t => t.SessionId == view.Id && t.Number > lastNumber)
                .OrderBy(t => t.Number).ToListAsync(cancellationToken);
            lastNumber = rows.Count == 0 ? lastNumber : rows[^1].Number;
            var tutorRows = rows.Where(r => r.Speaker == Speaker.Tutor).ToList();
            teacher.Add(string.Join(" ", tutorRows.Select(r => r.Text)));
            moves.AddRange(tutorRows.Select(r => (r.Move ?? "none").ToLowerInvariant()));
            revealing += tutorRows.Count(r => r.RevealedAnswer);
            guarded += tutorRows.Count(r => r.GuardIntervened);
            if (view.Status != nameof(SessionStatus.Active))
            {
                solvedAfter = said.Count;
                break;
            }
            if (said.Count >= maxTurns || tutorRows.Count == 0)
            {
                break;
            }
            var lead = tutorRows[0];
            var asked = tutorRows[^1];
            var reply = simulated.Reply(new TutorMessage(teacher[^1],
                Enum.TryParse<TeacherMove>(lead.Move, ignoreCase: true, out var move) ? move : null, asked.StepKey, asked.NodeKey));
            said.Add(reply.Text);
            replies.Add(reply.Kind.ToString());
            view = await tutoring.SendAsync(userId, view.Id, reply.Text, cancellationToken);
        }
        var hits = InteractiveMetrics.Hits(teacher, said, problem.Answers);
        return new SessionResult(problem.Key, student, simulated.Profile.StepKey, simulated.Profile.WrongValue, simulated.Corrected, solvedAfter,
            said.Count, hits.Teacher, hits.Student, revealing, guarded, moves, replies);
    }

    /// <summary>Plain student accounts written directly: they never sign in, so no password hashing slows the run.</summary>
    private static async Task<List<string>> CreateStudentsAsync(IServiceProvider services, string policy, int count, CancellationToken cancellationToken)
    {
        var factory = services.GetRequiredService<IDbContextFactory<TutorDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var users = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"sim-{policy}-{i}@evaluation.invalid";
            return new ApplicationUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = $"Simulated student {i}", SecurityStamp = Guid.NewGuid().ToString("N"),
            };
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync(cancellationToken);
        return users.Select(u => u.Id).ToList();
    }

    /// <summary>The app's own services on the throwaway database, with the policy's strategy and no rate limit in the way.</summary>
    private IHost BuildHost(string connectionString, HarnessPolicy policy)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot.Find() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tutor"] = connectionString,
            ["Tutoring:Strategy"] = policy.Strategy.ToString(),
            ["Tutoring:MessagesPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.AddTutorData();
        builder.AddKnowledgeTracing();
        builder.AddTutoring();
        if (policy.UsesLlm)
        {
            builder.Services.AddSingleton<ILlmCallLog>(_ => new LlmCallTally(log)); // built by the container, so disposed (and printed) with it
            builder.AddLlmTutor();
        }
        return builder.Build();
    }

    private async Task ImportAsync(ContentImport import, string path, ImportFormat format, CancellationToken cancellationToken)
    {
        // The sessions run on published problems, as students get them: nothing to review in a throwaway database.
        var report = await import.ImportFileAsync(path, format, lenient: true, ImportPublishing.PublishAtOnce, cancellationToken: cancellationToken);
        log.WriteLine($"{report.File}: {report.Summary.ProblemsImported} problems imported, {report.Skipped.Count} records skipped");
    }

    private async Task<BankDocument> ExportConfiguredBankAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRoot.Find() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.AddTutorData();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BankExporter>().ExportAsync(cancellationToken);
    }

    private static async Task<List<(string Path, ImportFormat Format)>> SourcesAsync(string problems, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(problems)
            ? Directory.GetFiles(problems).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : File.Exists(problems) ? [problems] : throw new HarnessException($"{problems}: no such file or folder");
        var sources = new List<(string, ImportFormat)>();
        foreach (var file in files)
        {
            sources.Add((file, await DetectFormatAsync(file, cancellationToken)));
        }
        return sources;
    }

    /// <summary>MathDial has the student's incorrect solution, GSM8K an "answer"; a .json file is a TutorApp bank.</summary>
    private static async Task<ImportFormat> DetectFormatAsync(string file, CancellationToken cancellationToken)
    {
        if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ImportFormat.Bank;
        }
        using var reader = new StreamReader(file);
        var first = await reader.ReadLineAsync(cancellationToken) ?? "";
        if (first.Contains("student_incorrect_solution", StringComparison.Ordinal))
        {
            return ImportFormat.MathDial;
        }
        if (first.Contains("\"answer\"", StringComparison.Ordinal))
        {
            return ImportFormat.Gsm8k;
        }
        throw new HarnessException($"{file}, line 1: neither MathDial (student_incorrect_solution) nor GSM8K (answer) records");
    }

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
