using TutorApp.Tutoring.Simulation;

namespace TutorApp.Cli.Evaluation;

/// <summary>One simulated student's session, as the report keeps it.</summary>
/// <param name="TurnsToSolve">Student messages until the engine marked the problem solved; null when it was not.</param>
/// <param name="RevealingTurns">Tutor turns the engine flagged as giving a value away (bottom-out hints, the telling baseline).</param>
/// <param name="GuardInterventions">Tutor turns whose planned text the leak guard replaced.</param>
public sealed record SessionResult(
    string Problem,
    int Student,
    string MisconceptionStep,
    decimal WrongValue,
    bool Corrected,
    int? TurnsToSolve,
    int StudentMessages,
    int? TeacherFirstHit,
    int? StudentFirstHit,
    int RevealingTurns,
    int GuardInterventions,
    IReadOnlyList<string> Moves,
    IReadOnlyList<string> Replies)
{
    public AnswerHits Hits => new(TeacherFirstHit, StudentFirstHit);
}

/// <summary>One policy's figures over all its sessions.</summary>
/// <param name="SolvedWithinLimit">Share of sessions the engine marked solved within the turn limit.</param>
/// <param name="MeanTurnsToSolve">Student messages until solved, over the solved sessions.</param>
/// <param name="SessionsWithRevealingTurns">Sessions in which a tutor turn was flagged as giving a value away.</param>
/// <param name="MoveShares">Share of the tutor's turns per MathDial move.</param>
/// <param name="ReplyShares">Share of the simulated students' replies per kind (correct, restates the wrong value, ...).</param>
public sealed record PolicyResult(
    string Policy,
    int Sessions,
    MetricCurve Metrics,
    double SolvedWithinLimit,
    double? MeanTurnsToSolve,
    double CorrectedMisconception,
    int SessionsWithRevealingTurns,
    int RevealingTurns,
    int GuardInterventions,
    IReadOnlyDictionary<string, double> MoveShares,
    IReadOnlyDictionary<string, double> ReplyShares,
    IReadOnlyList<SessionResult> SessionResults)
{
    public static PolicyResult From(string policy, IReadOnlyList<SessionResult> sessions)
    {
        var solved = sessions.Where(s => s.TurnsToSolve is not null).ToList();
        var moves = sessions.SelectMany(s => s.Moves).ToList();
        var replies = sessions.SelectMany(s => s.Replies).ToList();
        return new PolicyResult(
            policy,
            sessions.Count,
            InteractiveMetrics.Curve(sessions.Select(s => s.Hits).ToList()),
            Share(solved.Count, sessions.Count),
            solved.Count == 0 ? null : Math.Round(solved.Average(s => s.TurnsToSolve!.Value), 3),
            Share(sessions.Count(s => s.Corrected), sessions.Count),
            sessions.Count(s => s.RevealingTurns > 0),
            sessions.Sum(s => s.RevealingTurns),
            sessions.Sum(s => s.GuardInterventions),
            Shares(moves),
            Shares(replies),
            sessions);
    }

    public static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);

    public static IReadOnlyDictionary<string, double> Shares(IReadOnlyList<string> items) =>
        items.GroupBy(i => i, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Share(g.Count(), items.Count), StringComparer.Ordinal);
}

/// <summary>The MathDial human teachers on the dev dialogues, measured with MathDial's own definitions, and the paper's figures.</summary>
public sealed record HumanAnchor(
    string Source,
    MetricCurve Measured,
    IReadOnlyDictionary<string, double> TeacherMoveShares,
    double PaperSuccessAt5,
    double PaperTellingAt7,
    IReadOnlyDictionary<string, double> PaperTeacherMoveShares)
{
    public static HumanAnchor From(string source, IReadOnlyList<TutorApp.Domain.Content.Import.MathDialRecord> dialogues)
    {
        var hits = dialogues.Select(d => InteractiveMetrics.Hits(
            d.Conversation.Where(u => u.IsTeacher).Select(u => u.Text),
            d.Conversation.Where(u => !u.IsTeacher).Select(u => u.Text),
            [d.FinalAnswer])).ToList();
        var moves = dialogues.SelectMany(d => d.Conversation).Where(u => u.IsTeacher && u.Move is not null).Select(u => u.Move!).ToList();
        return new HumanAnchor(source, InteractiveMetrics.Curve(hits), PolicyResult.Shares(moves), 0.69, 0.10,
            new Dictionary<string, double> { ["focus"] = 0.34, ["probing"] = 0.26, ["generic"] = 0.24, ["telling"] = 0.16 });
    }
}

public sealed record EvaluationSettings(
    string Problems, IReadOnlyList<string> Policies, int StudentsPerProblem, int Seed, int MaxTurns, int? ProblemLimit, string Calibration);

/// <summary>The whole report, written as JSON; nothing in it depends on timing or database ids, so a seed reproduces it.</summary>
public sealed record EvaluationReport(
    EvaluationSettings Settings,
    int Problems,
    IReadOnlyList<string> ProblemsWithoutProfile,
    SimulatorCalibration Calibration,
    HumanAnchor Anchor,
    IReadOnlyList<PolicyResult> Policies);
