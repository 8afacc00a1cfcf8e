using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content;

namespace TutorApp.Data.Practice;

public sealed record InteractionImportReport(
    string Dataset, IReadOnlyList<string> Files, int Students, int Interactions, int SkillsCreated, double Seconds, double InteractionsPerSecond);

/// <summary>A file that cannot be imported; the message names the file and line.</summary>
public sealed class InteractionImportException(string message) : Exception(message);

/// <summary>
/// Bulk import of recorded practice (e.g. the ASSIST2009 DKVMN files) as interactions, for knowledge tracing and for
/// realistic data volumes in the dashboards and benchmarks. Everything goes in one transaction; the rows are written
/// with PostgreSQL COPY (Npgsql binary import), not one INSERT each.
/// </summary>
/// <remarks>
/// The DKVMN files hold, per learner, skill ids and right/wrong only. So each sequence becomes a new student account
/// (no password: it cannot sign in), each skill id a skill (named from the folder's <c>*_sname_sid</c> file when
/// present, matched by name to existing skills), and each skill one step of a retired holder problem (interactions
/// always refer to a step; retired versions never reach students). The files have no timestamps: interactions get
/// consecutive minutes from a fixed start, in file order.
/// </remarks>
public sealed class InteractionImport(IDbContextFactory<TutorDbContext> contextFactory, TimeProvider clock)
{
    private const string StudentRoleId = "role-student";
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset FirstInteraction = new(2009, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private sealed record Sequence(int[] SkillIds, bool[] Correct);

    /// <param name="path">A DKVMN folder (its <c>*_train.csv</c> and <c>*_test.csv</c> are imported) or one DKVMN file.</param>
    /// <param name="dataset">A short name for the data set, used in the accounts' emails and the holder problem's key.</param>
    public async Task<InteractionImportReport> ImportDkvmnAsync(string path, string dataset, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (!System.Text.RegularExpressions.Regex.IsMatch(dataset, "^[a-z0-9][a-z0-9-]{0,40}$"))
        {
            throw new InteractionImportException($"Data set name '{dataset}': use 1-41 lower-case letters, digits and dashes.");
        }
        var (files, namesFile) = Locate(path);
        var sequences = files.SelectMany(ReadDkvmn).ToList();
        var skillNames = namesFile is null ? new Dictionary<int, string>() : ReadSkillNames(namesFile);
        var usedSkills = sequences.SelectMany(s => s.SkillIds).Distinct().Order().ToList();
        var problemKey = $"interactions-{dataset}";

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Problems.AnyAsync(p => p.Key == problemKey, cancellationToken))
        {
            throw new InteractionImportException($"Data set '{dataset}' was imported before (problem '{problemKey}' exists); nothing was imported.");
        }

        // Skills by name: the data set's own names where known, so they meet the bank's skills of the same name.
        var wanted = usedSkills.ToDictionary(id => id, id => skillNames.TryGetValue(id, out var name) ? name : $"{dataset} skill {id}");
        var names = wanted.Values.Distinct().ToList();
        var existing = await db.Skills.Where(s => names.Contains(s.Name)).ToDictionaryAsync(s => s.Name, cancellationToken);
        var created = names.Where(n => !existing.ContainsKey(n)).Select(n => new Skill { Name = n, Description = $"Imported with the {dataset} interactions." }).ToList();
        db.Skills.AddRange(created);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var skill in created)
        {
            existing[skill.Name] = skill;
        }

        var now = clock.GetUtcNow();
        var version = new ProblemVersion
        {
            Number = 1,
            Status = VersionStatus.Retired,
            Title = $"{dataset}: imported practice history",
            StatementMarkdown = $"Holds one step per skill of the {dataset} interactions imported from {string.Join(", ", files.Select(Path.GetFileName))}; never tutored.",
            FinalAnswer = new NumberAnswer(0),
            Source = dataset,
            CreatedAt = now,
            Steps = usedSkills.Select((id, index) => new SolutionStep
            {
                Position = index + 1,
                Key = $"skill-{id}",
                Prompt = wanted[id],
                Skills = [new StepSkill { SkillId = existing[wanted[id]].Id }],
            }).ToList(),
        };
        db.Problems.Add(new Problem { Key = problemKey, CreatedAt = now, Versions = [version] });
        await db.SaveChangesAsync(cancellationToken);
        var stepOf = version.Steps.ToDictionary(s => int.Parse(s.Key["skill-".Length..], CultureInfo.InvariantCulture), s => (StepId: s.Id, SkillId: s.Skills[0].SkillId));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var studentIds = await CopyStudentsAsync(connection, dataset, sequences.Count, cancellationToken);
        var copyStarted = Stopwatch.GetTimestamp();
        var rows = await CopyInteractionsAsync(connection, sequences, studentIds, stepOf, cancellationToken);
        var copySeconds = Stopwatch.GetElapsedTime(copyStarted).TotalSeconds;
        await transaction.CommitAsync(cancellationToken);

        return new InteractionImportReport(dataset, files.Select(Path.GetFileName).ToList()!, sequences.Count, (int)rows, created.Count,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 2), Math.Round(rows / Math.Max(copySeconds, 1e-6)));
    }

    private static async Task<List<string>> CopyStudentsAsync(NpgsqlConnection connection, string dataset, int count, CancellationToken cancellationToken)
    {
        var ids = new List<string>(count);
        await using (var users = await connection.BeginBinaryImportAsync(
            "COPY users (id, display_name, user_name, normalized_user_name, email, normalized_email, email_confirmed, security_stamp, " +
            "concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            users.Timeout = CopyTimeout;
            for (var index = 1; index <= count; index++)
            {
                var id = Guid.NewGuid().ToString();
                var email = $"{dataset}-{index:D5}@import.invalid";
                await users.StartRowAsync(cancellationToken);
                await users.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
                await users.WriteAsync($"{dataset} learner {index}", NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(email, NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(email, NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(email.ToUpperInvariant(), NpgsqlDbType.Varchar, cancellationToken);
                await users.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text, cancellationToken);
                await users.WriteAsync(Guid.NewGuid().ToString(), NpgsqlDbType.Text, cancellationToken);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
                await users.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
                ids.Add(id);
            }
            await users.CompleteAsync(cancellationToken);
        }
        await using (var roles = await connection.BeginBinaryImportAsync("COPY user_roles (user_id, role_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var id in ids)
            {
                await roles.WriteRowAsync(cancellationToken, id, StudentRoleId);
            }
            await roles.CompleteAsync(cancellationToken);
        }
        return ids;
    }

    private static async Task<ulong> CopyInteractionsAsync(NpgsqlConnection connection, List<Sequence> sequences, List<string> studentIds,
        Dictionary<int, (int StepId, int SkillId)> stepOf, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY interactions (student_id, step_id, skill_id, correct, answer_text, occurred_at, hints_used) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // Completing makes the server check every foreign key and fill every index for all rows at once: far longer than
        // the 30 s command timeout on a large file.
        writer.Timeout = CopyTimeout;
        for (var learner = 0; learner < sequences.Count; learner++)
        {
            var sequence = sequences[learner];
            for (var i = 0; i < sequence.SkillIds.Length; i++)
            {
                var (stepId, skillId) = stepOf[sequence.SkillIds[i]];
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(studentIds[learner], NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(stepId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(skillId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(sequence.Correct[i], NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync("", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(FirstInteraction.AddMinutes(i), NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
            }
        }
        return await writer.CompleteAsync(cancellationToken);
    }

    private static (List<string> Files, string? NamesFile) Locate(string path)
    {
        if (File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return ([path], Directory.GetFiles(folder, "*_sname_sid").SingleOrDefault());
        }
        if (!Directory.Exists(path))
        {
            throw new InteractionImportException($"{path}: no such file or folder.");
        }
        var tests = Directory.GetFiles(path, "*_test.csv");
        if (tests.Length != 1)
        {
            throw new InteractionImportException($"{path}: a DKVMN folder has exactly one *_test.csv (and its *_train.csv); found {tests.Length}.");
        }
        var prefix = tests[0][..^"_test.csv".Length];
        var train = prefix + "_train.csv";
        if (!File.Exists(train))
        {
            throw new InteractionImportException($"{path}: {Path.GetFileName(train)} is missing beside {Path.GetFileName(tests[0])}.");
        }
        var names = prefix + "_sname_sid";
        return ([train, tests[0]], File.Exists(names) ? names : null);
    }

    /// <summary>The DKVMN three-line format: length; skill ids (1-based); 0/1 answers. Errors name file and line.</summary>
    private static IEnumerable<Sequence> ReadDkvmn(string file)
    {
        var lines = File.ReadAllLines(file);
        var content = Enumerable.Range(0, lines.Length).Where(i => lines[i].Trim().Length > 0).ToList();
        if (content.Count % 3 != 0)
        {
            throw new InteractionImportException($"{file}: {content.Count} non-empty lines; a DKVMN file has three per learner (length, skill ids, answers).");
        }
        var result = new List<Sequence>(content.Count / 3);
        for (var k = 0; k < content.Count; k += 3)
        {
            var lengthLine = content[k];
            if (!int.TryParse(lines[lengthLine].Trim().TrimEnd(','), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1)
            {
                throw new InteractionImportException($"{file}:{lengthLine + 1}: expected the learner's number of interactions, found '{Clip(lines[lengthLine])}'.");
            }
            var skills = Numbers(file, content[k + 1], lines[content[k + 1]], length, "skill id");
            var answers = Numbers(file, content[k + 2], lines[content[k + 2]], length, "answer");
            if (skills.Any(s => s < 1))
            {
                throw new InteractionImportException($"{file}:{content[k + 1] + 1}: skill ids start at 1.");
            }
            if (answers.Any(a => a is not (0 or 1)))
            {
                throw new InteractionImportException($"{file}:{content[k + 2] + 1}: answers are 0 (wrong) or 1 (right).");
            }
            result.Add(new Sequence(skills, answers.Select(a => a == 1).ToArray()));
        }
        return result;
    }

    private static int[] Numbers(string file, int index, string line, int expected, string what)
    {
        var parts = line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != expected)
        {
            throw new InteractionImportException($"{file}:{index + 1}: {parts.Length} {what}s, but the learner's length line says {expected}.");
        }
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out numbers[i]))
            {
                throw new InteractionImportException($"{file}:{index + 1}: {what} {i + 1} is '{Clip(parts[i])}', not a whole number.");
            }
        }
        return numbers;
    }

    /// <summary>"name&lt;TAB&gt;id" per line, as in assist2009_updated_sname_sid.</summary>
    private static Dictionary<int, string> ReadSkillNames(string file)
    {
        var names = new Dictionary<int, string>();
        var lines = File.ReadAllLines(file);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }
            var cut = lines[i].LastIndexOf('\t');
            if (cut <= 0 || !int.TryParse(lines[i][(cut + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new InteractionImportException($"{file}:{i + 1}: expected 'skill name<TAB>skill id', found '{Clip(lines[i])}'.");
            }
            var name = lines[i][..cut].Trim();
            names[id] = name.Length <= 200 ? name : name[..200];
        }
        return names;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
