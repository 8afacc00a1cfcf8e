using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorApp.Data.Content;
using TutorApp.Data.Mastery;
using TutorApp.Domain.Mastery;
using TutorApp.Domain.Practice;
using TutorApp.Domain.Sessions;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Realization;

namespace TutorApp.Data.Tutoring;

/// <summary>
/// A student's tutoring sessions: start or resume one, send a message (one turn: evaluate, plan, realize, guard, then
/// persist the turns, the attempts and the new state and update mastery in one transaction), read one back.
/// The tutoring page and the JSON API both go through here, with the same checks.
/// </summary>
public sealed class TutoringSessions(
    IDbContextFactory<TutorDbContext> contextFactory,
    ProblemBank problems,
    ProblemVersionCache versions,
    SocraticEngine engine,
    ITurnRealizer realizer,
    MasteryService mastery,
    StudentRateLimiter rateLimiter,
    TutoringTelemetry telemetry,
    IOptions<TutoringOptions> options,
    IOptions<MasteryOptions> masteryOptions,
    TimeProvider clock)
{
    /// <summary>Dialogue lines read for the LLM realizer (it gives the model as many as it is configured to).</summary>
    private const int RecentDialogueLines = 20;

    // The queries every turn runs, compiled once: EF otherwise re-walks and hashes each LINQ expression tree per call
    // to find its cached plan, which profiling under load showed as a large share of a turn's CPU.
    private static readonly Func<TutorDbContext, long, CancellationToken, Task<TutoringSession?>> TrackedSession =
        EF.CompileAsyncQuery((TutorDbContext db, long id, CancellationToken _) => db.TutoringSessions.SingleOrDefault(s => s.Id == id));

    private static readonly Func<TutorDbContext, long, CancellationToken, Task<TutoringSession?>> UntrackedSession =
        EF.CompileAsyncQuery((TutorDbContext db, long id, CancellationToken _) => db.TutoringSessions.AsNoTracking().SingleOrDefault(s => s.Id == id));

    private static readonly Func<TutorDbContext, long, CancellationToken, Task<int?>> LastTurnNumber =
        EF.CompileAsyncQuery((TutorDbContext db, long id, CancellationToken _) => db.TutoringTurns.Where(t => t.SessionId == id).Max(t => (int?)t.Number));

    private static readonly Func<TutorDbContext, long, IAsyncEnumerable<TurnView>> TurnsOf =
        EF.CompileAsyncQuery((TutorDbContext db, long id) => db.TutoringTurns.AsNoTracking().Where(t => t.SessionId == id).OrderBy(t => t.Number)
            .Select(t => new TurnView(t.Number, t.Speaker.ToString(), t.Text, t.RevealedAnswer, t.CreatedAt)));

    private TutoringPolicy Policy => new()
    {
        Strategy = options.Value.Strategy,
        BottomOutAfterFailedAttempts = options.Value.BottomOutAfterFailedAttempts,
        FailuresBeforeTeaching = options.Value.FailuresBeforeTeaching,
        // One notion of "mastered" in the app: a mastered step is asked at step level, without its sub-questions.
        MasteredThreshold = masteryOptions.Value.MasteredThreshold,
        WeakThreshold = options.Value.WeakThreshold,
    };

    /// <summary>Starts a session on the problem's published version, or returns the student's unfinished one on it.</summary>
    public async Task<SessionView> StartAsync(string studentId, int problemId, CancellationToken cancellationToken = default)
    {
        var versionId = await problems.PublishedVersionIdAsync(problemId, cancellationToken)
            ?? throw new TutoringRequestException(StatusCodes.Status404NotFound, $"Problem {problemId} does not exist or is not published.");
        var problem = await versions.GetAsync(versionId)
            ?? throw new TutoringRequestException(StatusCodes.Status404NotFound, $"Problem {problemId} does not exist or is not published.");

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var unfinished = await db.TutoringSessions.AsNoTracking()
            .Where(s => s.StudentId == studentId && s.ProblemVersionId == versionId && s.Status == SessionStatus.Active)
            .OrderByDescending(s => s.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        if (unfinished is not null)
        {
            return await ViewAsync(db, unfinished, StoredSessionState.Deserialize(unfinished.State), problem, cancellationToken);
        }

        var masteryNow = await mastery.ByNameAsync(db, studentId, cancellationToken);
        var opening = engine.Start(problem.Bank, masteryNow, Policy);
        var now = clock.GetUtcNow();
        var state = new StoredSessionState(opening.State, MasteryOf(problem, masteryNow));
        var session = new TutoringSession
        {
            StudentId = studentId,
            ProblemVersionId = versionId,
            Status = SessionStatus.Active,
            State = state.Serialize(),
            StartedAt = now,
            UpdatedAt = now,
            Turns = [TutorTurnRow(opening.Turn, 1, now)],
        };
        db.TutoringSessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // A double click or a second request started the same problem at the same moment: use the session it made.
            return await StartAsync(studentId, problemId, cancellationToken);
        }
        telemetry.SessionStarted();
        return await ViewAsync(db, session, state, problem, cancellationToken);
    }

    public async Task<SessionView> SendAsync(string studentId, long sessionId, string? text, CancellationToken cancellationToken = default)
    {
        var message = text?.Trim() ?? "";
        if (message.Length == 0)
        {
            throw new TutoringRequestException(StatusCodes.Status400BadRequest, "Type a message first.");
        }
        if (message.Length > options.Value.MaxMessageLength)
        {
            throw new TutoringRequestException(StatusCodes.Status400BadRequest,
                $"Messages can be at most {options.Value.MaxMessageLength:N0} characters; yours has {message.Length:N0}.");
        }
        if (!rateLimiter.TryAcquire(studentId))
        {
            throw new TutoringRequestException(StatusCodes.Status429TooManyRequests,
                "You are sending messages very quickly. Take a moment, then try again.");
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = TutoringTelemetry.Source.StartActivity("tutoring turn");
        activity?.SetTag("tutor.session.id", sessionId);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One turn at a time per student (two tabs, page and API): the state read here is the state written below.
        await MasteryService.LockStudentAsync(db, studentId, cancellationToken);
        var session = await OwnedSessionAsync(db, studentId, sessionId, tracking: true, cancellationToken);
        if (session.Status != SessionStatus.Active)
        {
            throw new TutoringRequestException(StatusCodes.Status409Conflict,
                "This session is finished. Start a new problem from your home page.");
        }
        // The session keeps the version it started with, even after a newer one is published.
        var problem = await versions.GetAsync(session.ProblemVersionId)
            ?? throw new InvalidOperationException($"Session {sessionId} refers to version {session.ProblemVersionId}, which cannot be loaded.");
        var stored = StoredSessionState.Deserialize(session.State);
        // Read inside the transaction, under the student's lock, like everything the turn depends on.
        var masteryNow = await mastery.ByNameAsync(db, studentId, cancellationToken);
        var outcome = engine.Respond(problem.Bank, stored.Dialogue, message, masteryNow, Policy);
        var tutorTurns = await RealizeAsync(db, session.Id, problem, stored.Dialogue, message, outcome, cancellationToken);

        var now = clock.GetUtcNow();
        var number = await LastTurnNumber(db, sessionId, cancellationToken) ?? 0;
        db.TutoringTurns.Add(new TutoringTurn
        {
            SessionId = session.Id,
            Number = ++number,
            Speaker = Speaker.Student,
            Text = message,
            Intent = outcome.Evaluation.Intent.ToString(),
            StepKey = outcome.Evaluation.StepKey,
            NodeKey = outcome.Evaluation.NodeKey,
            MisconceptionKey = outcome.Evaluation.MisconceptionKey,
            CreatedAt = now,
        });
        foreach (var turn in tutorTurns)
        {
            var row = TutorTurnRow(turn, ++number, now);
            row.SessionId = session.Id;
            db.TutoringTurns.Add(row);
        }

        var touchedSkills = RecordAttempts(db, problem, session, studentId, outcome.Attempts, now);
        // The new state goes out with the turns in one round trip; only a finished session is written again (below).
        var after = stored with { Dialogue = outcome.State };
        session.State = after.Serialize();
        session.TurnCount = outcome.State.TurnCount;
        session.UpdatedAt = now;
        session.Revision++;
        if (outcome.State.Solved)
        {
            session.Status = SessionStatus.Solved;
            session.FinishedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new TutoringRequestException(StatusCodes.Status409Conflict,
                "This session was changed in another window at the same moment. Reload the page to see the latest turn.");
        }
        if (touchedSkills.Count > 0)
        {
            await mastery.UpdateAsync(db, studentId, touchedSkills, cancellationToken);
        }
        if (outcome.State.Solved)
        {
            // Kept with the session so the finish screen shows the change during this session, even when viewed later.
            after = after with { MasteryAtEnd = MasteryOf(problem, await mastery.ByNameAsync(db, studentId, cancellationToken)) };
            session.State = after.Serialize();
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        activity?.SetTag("tutor.intent", outcome.Evaluation.Intent.ToString());
        telemetry.TurnCompleted(outcome.Evaluation.Intent.ToString(), outcome.State.Solved, started);
        return await ViewAsync(db, session, after, problem, cancellationToken);
    }

    public async Task<SessionView> GetAsync(string studentId, long sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var session = await OwnedSessionAsync(db, studentId, sessionId, tracking: false, cancellationToken);
        var problem = await versions.GetAsync(session.ProblemVersionId)
            ?? throw new InvalidOperationException($"Session {sessionId} refers to version {session.ProblemVersionId}, which cannot be loaded.");
        return await ViewAsync(db, session, StoredSessionState.Deserialize(session.State), problem, cancellationToken);
    }

    /// <summary>The session as the page and the API show it, read through the caller's context (no second connection).</summary>
    private static async Task<SessionView> ViewAsync(TutorDbContext db, TutoringSession session, StoredSessionState stored, TutoringProblem problem,
        CancellationToken cancellationToken)
    {
        var turns = await TurnsOf(db, session.Id).ToListAsync(cancellationToken);

        var changes = stored.MasteryAtEnd is { } atEnd
            ? problem.Bank.Skills
                .Select(skill => new SkillChange(skill,
                    stored.MasteryAtStart.TryGetValue(skill, out var before) ? before : BktParameters.Default.Initial,
                    atEnd.TryGetValue(skill, out var after) ? after : BktParameters.Default.Initial))
                .ToList()
            : [];
        return new SessionView(session.Id, problem.ProblemId, problem.VersionId, problem.Bank.Title, problem.Bank.Statement,
            session.Status.ToString(), stored.Dialogue.ResolvedSteps.Count, problem.Bank.Steps.Count, turns, changes);
    }

    public async Task<IReadOnlyList<SessionSummary>> ListAsync(string studentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.TutoringSessions.AsNoTracking()
            .Where(s => s.StudentId == studentId)
            .OrderByDescending(s => s.UpdatedAt)
            .Take(50)
            .Join(db.ProblemVersions, s => s.ProblemVersionId, v => v.Id, (s, v) =>
                new SessionSummary(s.Id, v.ProblemId, v.Title, s.Status.ToString(), s.TurnCount, s.StartedAt, s.UpdatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The planned turns in the LLM's words when one is configured; the realizer falls back to the authored words
    /// itself, within its time budget, so this never fails because of the model.</summary>
    private async Task<IReadOnlyList<TutorTurn>> RealizeAsync(TutorDbContext db, long sessionId, TutoringProblem problem, DialogueState before,
        string message, TurnOutcome outcome, CancellationToken cancellationToken)
    {
        if (!realizer.IsEnabled)
        {
            return outcome.Turns;
        }
        var recent = await db.TutoringTurns.AsNoTracking().Where(t => t.SessionId == sessionId)
            .OrderByDescending(t => t.Number).Take(RecentDialogueLines)
            .Select(t => new DialogueLine(t.Speaker == Speaker.Student, t.Text)).ToListAsync(cancellationToken);
        recent.Reverse();
        return await realizer.RealizeAsync(new RealizationRequest(problem.Bank, before, message, outcome, recent, sessionId), cancellationToken);
    }

    private static async Task<TutoringSession> OwnedSessionAsync(TutorDbContext db, string studentId, long sessionId, bool tracking,
        CancellationToken cancellationToken)
    {
        var session = await (tracking ? TrackedSession : UntrackedSession)(db, sessionId, cancellationToken)
            ?? throw new TutoringRequestException(StatusCodes.Status404NotFound, $"Session {sessionId} does not exist.");
        if (session.StudentId != studentId)
        {
            throw new TutoringRequestException(StatusCodes.Status403Forbidden, "This session belongs to another student.");
        }
        return session;
    }

    /// <summary>One interaction per skill of each step attempt judged against a step; returns the skills touched.</summary>
    private static List<int> RecordAttempts(TutorDbContext db, TutoringProblem problem, TutoringSession session, string studentId,
        IReadOnlyList<StepAttempt> attempts, DateTimeOffset now)
    {
        var touched = new List<int>();
        // A skipped step (jumped over by the final answer) is no evidence of mastery either way: it is not an interaction.
        foreach (var attempt in attempts.Where(a => a.JudgedAgainstStep && !a.Skipped))
        {
            // The final question has no step of its own: it is recorded against the last step, whose value it usually is.
            var stepKey = attempt.StepKey ?? problem.Bank.Steps[^1].Key;
            if (!problem.StepIds.TryGetValue(stepKey, out var stepId))
            {
                continue;
            }
            foreach (var skill in attempt.Skills.Where(problem.SkillIds.ContainsKey).Distinct())
            {
                var skillId = problem.SkillIds[skill];
                db.Interactions.Add(new Interaction
                {
                    StudentId = studentId,
                    StepId = stepId,
                    SkillId = skillId,
                    Correct = attempt.Correct,
                    AnswerText = Truncate(attempt.Answer ?? "", 2000),
                    OccurredAt = now,
                    HintsUsed = attempt.HintsUsedOnStep,
                    SessionId = session.Id,
                });
                touched.Add(skillId);
            }
        }
        return touched.Distinct().ToList();
    }

    private static TutoringTurn TutorTurnRow(TutorTurn turn, int number, DateTimeOffset now) => new()
    {
        Number = number,
        Speaker = Speaker.Tutor,
        Text = Truncate(turn.Text, 4000),
        Move = turn.Move.ToString(),
        SubMove = turn.SubMove,
        StepKey = turn.StepKey,
        NodeKey = turn.NodeKey,
        RevealedAnswer = turn.RevealedAnswer,
        GuardIntervened = turn.GuardIntervened,
        CreatedAt = now,
    };

    private static Dictionary<string, double> MasteryOf(TutoringProblem problem, IReadOnlyDictionary<string, double> masteryNow) =>
        problem.Bank.Skills.Where(masteryNow.ContainsKey).ToDictionary(s => s, s => masteryNow[s]);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
