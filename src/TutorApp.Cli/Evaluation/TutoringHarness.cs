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
public sealed partial class TutoringHarness(IConfiguration configuration, TextWriter progressOutput, TextWriter log)
{
    [System.Text.RegularExpressions.GeneratedRegex(@"\byourself\b|\byou\s+(solved|worked)\s+it\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Praise();

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
        var simulator = new StudentSimulator(calibration.Parameters);

        var server = DataServiceCollectionExtensions.RequireConnectionString(configuration);
        var database = $"tutor_eval_{Guid.NewGuid():N}"[..27];
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"", cancellationToken);
        log.WriteLine($"throwaway database {database}");
        try
        {
            var prepared = await PrepareAsync(options, connectionString, cancellationToken);
            var anchor = HumanAnchor.From(prepared.AnchorSource, prepared.AnchorDialogues, options.Seed);
            var results = new List<PolicyResult>();
            foreach (var policy in options.Policies)
            {
                using var host = BuildHost(connectionString, policy);
                var sessions = await RunPolicyAsync(host.Services, policy, prepared.Work, simulator, options, cancellationToken);
                results.Add(PolicyResult.From(policy.Name, sessions, options.Seed));
            }
            return new EvaluationReport(
                new EvaluationSettings(options.Problems, options.Policies.Select(p => p.Name).ToList(), options.StudentsPerProblem, options.Seed,
                    options.MaxTurns, options.ProblemLimit, Path.GetFileName(options.CalibrationFile)),
                prepared.Problems, prepared.Work.Count(w => w.Behaviour == StudentBehaviour.Honest && w.Synthesised),
                calibration, anchor, results, PairedDifference.All(results, options.Seed));
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

    /// <summary>
    /// One simulated student's session to run: the problem as the tutor knows it (for a MathDial dialogue, the problem
    /// without that dialogue's own misconception), and the student as it knows the problem.
    /// </summary>
    /// <param name="Problem">The problem the results are grouped by (a MathDial qid, a GSM8K line): bootstrap clusters.</param>
    /// <param name="Synthesised">The student's misconception was made up (no MathDial solution, or none could be located).</param>
    private sealed record SessionWork(string Problem, int ProblemId, StudentKnowledge Knowledge, StudentBehaviour Behaviour, int Student,
        bool Synthesised, IReadOnlyList<decimal> Answers);

    private sealed record Prepared(int Problems, List<SessionWork> Work, string AnchorSource, IReadOnlyList<TutorApp.Domain.Content.Import.MathDialRecord> AnchorDialogues);

    private static readonly StudentBehaviour[] Adversaries =
        [StudentBehaviour.AlwaysAsksForAnswer, StudentBehaviour.PastesWrongSolution, StudentBehaviour.GivesOtherStepsValues, StudentBehaviour.GuessesNumbers];

    /// <summary>
    /// Migrates the throwaway database and imports the problems through the one import pipeline: a MathDial problem once
    /// per dialogue, leaving that dialogue's incorrect solution out (leave-one-out), so the tutor never knows the very
    /// mistake the simulated student replays. Then builds the students from the source texts.
    /// </summary>
    private async Task<Prepared> PrepareAsync(HarnessOptions options, string connectionString, CancellationToken cancellationToken)
    {
        using var host = BuildHost(connectionString, HarnessPolicy.All[0]);
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ContentImport>();
        var mathDial = new List<SourceDialogue>();
        var gsm8k = new List<SourceProblem>();
        var temporary = new List<string>();
        try
        {
            if (options.Problems == DatabaseSource)
            {
                // The configured database's bank, exported and imported into the throwaway one, so its sessions stay untouched.
                var exported = Path.Combine(Path.GetTempPath(), $"tutor-eval-bank-{Guid.NewGuid():N}.json");
                temporary.Add(exported);
                await File.WriteAllTextAsync(exported, BankJson.Write(await ExportConfiguredBankAsync(cancellationToken)), cancellationToken);
                await ImportAsync(import, exported, ImportFormat.Bank, cancellationToken);
            }
            else
            {
                foreach (var (path, format) in await SourcesAsync(options.Problems, cancellationToken))
                {
                    switch (format)
                    {
                        case ImportFormat.MathDial:
                            mathDial.AddRange(EvaluationSources.ReadMathDial(path));
                            break;
                        case ImportFormat.Gsm8k:
                            gsm8k.AddRange(EvaluationSources.ReadGsm8k(path));
                            await ImportAsync(import, path, format, cancellationToken);
                            break;
                        default:
                            await ImportAsync(import, path, format, cancellationToken);
                            break;
                    }
                }
            }
            // MathDial problems in key order ("mathdial-<qid>"), the first --limit of them, each once per dialogue.
            var qids = mathDial.Select(d => d.Qid).Distinct().OrderBy(q => $"mathdial-{q}", StringComparer.Ordinal)
                .Take(options.ProblemLimit ?? int.MaxValue).ToList();
            var variants = new Dictionary<string, (long Qid, SourceDialogue Dialogue)>(StringComparer.Ordinal);
            if (qids.Count > 0)
            {
                var file = Path.Combine(Path.GetTempPath(), $"tutor-eval-loo-{Guid.NewGuid():N}.jsonl");
                temporary.Add(file);
                await using (var writer = new StreamWriter(file))
                {
                    foreach (var qid in qids)
                    {
                        var own = mathDial.Where(d => d.Qid == qid).ToList();
                        for (var held = 0; held < own.Count; held++)
                        {
                            var variant = qid * 100 + held;
                            variants[$"mathdial-{variant}"] = (qid, own[held]);
                            await writer.WriteAsync(EvaluationSources.LeaveOneOut(own, held, variant));
                        }
                    }
                }
                await ImportAsync(import, file, ImportFormat.MathDial, cancellationToken);
            }

            var bank = scope.ServiceProvider.GetRequiredService<ProblemBank>();
            var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>();
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var published = await db.ProblemVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
                .Join(db.Problems, v => v.ProblemId, p => p.Id, (v, p) => new { p.Key, v.ProblemId, VersionId = v.Id })
                .ToListAsync(cancellationToken);
            var work = new List<SessionWork>();
            var others = published.Where(p => !variants.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Take(Math.Max(0, (options.ProblemLimit ?? int.MaxValue) - qids.Count));
            var problems = 0;
            var adversaryProblems = new HashSet<long>();
            foreach (var item in published.Where(p => variants.ContainsKey(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var (qid, dialogue) = variants[item.Key];
                var knowledge = StudentKnowledge.FromSolution(dialogue.Question, dialogue.GroundTruth, dialogue.IncorrectSolution);
                if (knowledge is null)
                {
                    // A worked solution whose calculations the student cannot read (algebra, words): it knows the steps' values.
                    var version = await bank.LoadBankVersionAsync(item.VersionId, cancellationToken)
                        ?? throw new HarnessException($"problem {item.Key} could not be loaded");
                    knowledge = StudentKnowledge.FromBank(version);
                }
                AddStudents(work, options, $"mathdial-{qid}", item.ProblemId, knowledge, item.Key, withAdversaries: adversaryProblems.Add(qid));
            }
            problems += adversaryProblems.Count;
            var byStatement = gsm8k.GroupBy(g => Normalize(g.Question)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var item in others)
            {
                var version = await bank.LoadBankVersionAsync(item.VersionId, cancellationToken)
                    ?? throw new HarnessException($"problem {item.Key} could not be loaded");
                var knowledge = byStatement.TryGetValue(Normalize(version.Statement), out var source)
                    ? StudentKnowledge.FromSolution(source.Question, source.Answer)
                    : null;
                // A bank problem without its worked solution: the student knows the steps' values and prompts only.
                knowledge ??= StudentKnowledge.FromBank(version);
                if (version.FinalAnswer.RevealingNumbers().Count == 0)
                {
                    continue;
                }
                problems++;
                AddStudents(work, options, item.Key, item.ProblemId, knowledge, item.Key, withAdversaries: true);
            }
            if (work.Count == 0)
            {
                throw new HarnessException($"{options.Problems}: no problem could be imported");
            }
            var anchorDialogues = qids.Count > 0
                ? ToRecords(mathDial.Where(d => qids.Contains(d.Qid)).ToList())
                : TutorApp.Domain.Content.Import.MathDialDialogues.Read(options.CalibrationFile);
            var anchorSource = qids.Count > 0 ? $"{Path.GetFileName(options.Problems)} (the {qids.Count} problems evaluated)" : Path.GetFileName(options.CalibrationFile);
            return new Prepared(problems, work, anchorSource, anchorDialogues);
        }
        finally
        {
            foreach (var file in temporary)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The honest students of a problem (one per seed) and, once per problem, one of each adversarial kind.</summary>
    private static void AddStudents(List<SessionWork> work, HarnessOptions options, string problem, int problemId, StudentKnowledge knowledge,
        string variantKey, bool withAdversaries)
    {
        var answers = new[] { knowledge.Final.Value };
        for (var student = 0; student < options.StudentsPerProblem; student++)
        {
            var synthesised = knowledge.Misconception is null;
            var own = synthesised ? knowledge.WithSynthesisedMisconception(new Random(Seeds.For(options.Seed, variantKey, student, 0))) : knowledge;
            work.Add(new SessionWork(problem, problemId, own, StudentBehaviour.Honest, work.Count, synthesised, answers));
        }
        if (withAdversaries)
        {
            var wrong = knowledge.Misconception is null ? knowledge.WithSynthesisedMisconception(new Random(Seeds.For(options.Seed, variantKey, 0, 0))) : knowledge;
            foreach (var behaviour in Adversaries)
            {
                work.Add(new SessionWork(problem, problemId, wrong, behaviour, work.Count, knowledge.Misconception is null, answers));
            }
        }
    }

    /// <summary>The dialogues as the human-teacher measure reads them (its parser, on the same rows).</summary>
    private static IReadOnlyList<TutorApp.Domain.Content.Import.MathDialRecord> ToRecords(List<SourceDialogue> dialogues)
    {
        var text = string.Join("\n", dialogues.Select(d => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["qid"] = d.Qid, ["question"] = d.Question, ["ground_truth"] = d.GroundTruth, ["student_incorrect_solution"] = d.IncorrectSolution,
            ["conversation"] = d.Conversation,
        })));
        return TutorApp.Domain.Content.Import.MathDialDialogues.ReadJsonl(new StringReader(text), "evaluated problems");
    }

    private static string Normalize(string text) => string.Join(" ", text.Replace('’', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<List<SessionResult>> RunPolicyAsync(IServiceProvider services, HarnessPolicy policy, List<SessionWork> work,
        StudentSimulator simulator, HarnessOptions options, CancellationToken cancellationToken)
    {
        var userIds = await CreateStudentsAsync(services, policy.Name, work.Count, cancellationToken);
        var results = new SessionResult[work.Count];
        var progress = new ProgressBar(progressOutput, policy.Name, work.Count);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var item = work[index];
                var simulated = simulator.Create(item.Knowledge, item.Behaviour, Seeds.For(options.Seed, item.Problem, item.Student, 1));
                results[index] = await RunSessionAsync(services, userIds[index], item, simulated, options.MaxTurns, token);
                progress.Advance();
            });
        progress.Finish();
        var turns = results.Sum(r => r.StudentMessages);
        log.WriteLine($"{policy.Name}: {work.Count} sessions, {turns} student turns in {stopwatch.Elapsed.TotalSeconds:0.0} s " +
            $"({(turns == 0 ? 0 : stopwatch.Elapsed.TotalMilliseconds / turns):0.00} ms per turn, {options.Parallelism} at once)");
        return results.ToList();
    }

    private static async Task<SessionResult> RunSessionAsync(IServiceProvider services, string userId, SessionWork work,
        SimulatedStudent simulated, int maxTurns, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var tutoring = scope.ServiceProvider.GetRequiredService<TutoringSessions>();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<TutorDbContext>>();
        var teacher = new List<string>();
        var said = new List<string>();
        var moves = new List<string>();
        var replies = new List<string>();
        var transcript = new List<string>();
        int revealing = 0, guarded = 0, lastNumber = 0;
        int? solvedAfter = null;
        var told = false;
        var praisedAfterTelling = false;

        var view = await tutoring.StartAsync(userId, work.ProblemId, cancellationToken);
        while (true)
        {
            // The tutor's new turns. Their move labels are read for the report only; the student gets the words.
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var rows = await db.TutoringTurns.AsNoTracking().Where(t => t.SessionId == view.Id && t.Number > lastNumber)
                .OrderBy(t => t.Number).ToListAsync(cancellationToken);
            lastNumber = rows.Count == 0 ? lastNumber : rows[^1].Number;
            var tutorRows = rows.Where(r => r.Speaker == Speaker.Tutor).ToList();
            var text = string.Join(" ", tutorRows.Select(r => r.Text));
            teacher.Add(text);
            var labels = tutorRows.Select(r => (r.Move ?? "none").ToLowerInvariant()).ToList();
            moves.AddRange(labels);
            transcript.Add($"tutor ({string.Join(", ", labels)}): {text}");
            revealing += tutorRows.Count(r => r.RevealedAnswer);
            guarded += tutorRows.Count(r => r.GuardIntervened);
            var closed = view.Status != nameof(SessionStatus.Active);
            // Praise is honest only if no Telling turn gave the work away before the closing.
            if (closed && told && Praise().IsMatch(tutorRows.LastOrDefault()?.Text ?? ""))
            {
                praisedAfterTelling = true;
            }
            told |= labels.Contains("telling");
            if (closed)
            {
                solvedAfter = said.Count;
                break;
            }
            if (said.Count >= maxTurns || tutorRows.Count == 0)
            {
                break;
            }
            var reply = simulated.Reply(new TutorMessage(text));
            said.Add(reply.Text);
            replies.Add(reply.Kind.ToString());
            transcript.Add($"student ({reply.Kind}): {reply.Text}");
            view = await tutoring.SendAsync(userId, view.Id, reply.Text, cancellationToken);
        }
        var hits = InteractiveMetrics.Hits(teacher, said, work.Answers);
        var misconception = simulated.Knowledge.Misconception;
        return new SessionResult(work.Problem, work.Student, simulated.Behaviour.ToString(), misconception?.QuantityIndex, misconception?.WrongValue,
            work.Synthesised, simulated.Corrected, solvedAfter, said.Count, hits.Teacher, hits.Student, revealing, guarded, praisedAfterTelling,
            moves, replies, transcript);
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
