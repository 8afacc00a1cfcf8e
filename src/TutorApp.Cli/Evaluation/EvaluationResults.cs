using TutorApp.Tutoring.Simulation;

namespace TutorApp.Cli.Evaluation;

/// <summary>One simulated student's session, as the report keeps it.</summary>
/// <param name="Problem">The problem the session counts for (a MathDial qid's key): the bootstrap's cluster.</param>
/// <param name="Behaviour">Honest, or the adversarial kind.</param>
/// <param name="MisconceptionQuantity">The quantity (0-based, in the worked solution's order) where the student went wrong.</param>
/// <param name="SynthesisedMisconception">No MathDial solution located it: it was made up (an operation swapped).</param>
/// <param name="TurnsToSolve">Student messages until the engine marked the problem solved; null when it was not.</param>
/// <param name="RevealingTurns">Tutor turns the engine flagged as giving a value away (bottom-out hints, the telling baseline).</param>
/// <param name="GuardInterventions">Tutor turns whose planned text the leak guard replaced.</param>
/// <param name="PraisedAfterTelling">The closing praised the student for solving it alone after a Telling turn.</param>
/// <param name="Transcript">Every turn, the tutor's with its move labels (the student never saw them), the student's with its kind.</param>
public sealed record SessionResult(
    string Problem,
    int Student,
    string Behaviour,
    int? MisconceptionQuantity,
    decimal? WrongValue,
    bool SynthesisedMisconception,
    bool Corrected,
    int? TurnsToSolve,
    int StudentMessages,
    int? TeacherFirstHit,
    int? StudentFirstHit,
    int RevealingTurns,
    int GuardInterventions,
    bool PraisedAfterTelling,
    IReadOnlyList<string> Moves,
    IReadOnlyList<string> Replies,
    IReadOnlyList<string> Transcript)
{
    public AnswerHits Hits => new(TeacherFirstHit, StudentFirstHit);

    public bool Honest => Behaviour == nameof(StudentBehaviour.Honest);

    /// <summary>The engine closed the problem as solved although the student never wrote the final answer.</summary>
    public bool SolvedWithoutAnswer => TurnsToSolve is not null && StudentFirstHit is null;

    public double TellingShare => Moves.Count == 0 ? 0 : Moves.Count(m => m == "telling") / (double)Moves.Count;
}

/// <summary>success@k and telling@k with bootstrap intervals over problems, and the share of the tutor's Telling moves.</summary>
public sealed record IntervalCurve(IReadOnlyList<Estimate> SuccessAtK, IReadOnlyList<Estimate> TellingAtK, Estimate? TellingMoves)
{
    public static IntervalCurve From(IReadOnlyList<IReadOnlyList<AnswerHits>> byProblem, IReadOnlyList<IReadOnlyList<double>>? tellingShares, int seed)
    {
        var ks = Enumerable.Range(1, InteractiveMetrics.MaxK).ToList();
        return new IntervalCurve(
            ks.Select(k => Bootstrap.Mean(byProblem.Select(p => (IReadOnlyList<double>)p.Select(h => h.SuccessAt(k) ? 1.0 : 0.0).ToList()).ToList(), seed: seed)).ToList(),
            ks.Select(k => Bootstrap.Mean(byProblem.Select(p => (IReadOnlyList<double>)p.Select(h => h.TellingAt(k) ? 1.0 : 0.0).ToList()).ToList(), seed: seed)).ToList(),
            tellingShares is null ? null : Bootstrap.Mean(tellingShares, seed: seed));
    }
}

/// <summary>What the adversarial students got out of a policy: the goal is no session solved without the final answer.</summary>
public sealed record AdversarialResult(string Behaviour, int Sessions, int Solved, int SolvedWithoutAnswer);

/// <summary>One policy's figures: honest students in the metrics, adversarial ones apart.</summary>
/// <param name="Sessions">Honest students' sessions.</param>
/// <param name="SolvedWithinLimit">Share of honest sessions the engine marked solved within the turn limit.</param>
/// <param name="MeanTurnsToSolve">Student messages until solved, over the solved honest sessions.</param>
/// <param name="SessionsWithRevealingTurns">Honest sessions in which a tutor turn was flagged as giving a value away.</param>
/// <param name="PraisedAfterTelling">Honest sessions closed with "you solved it yourself" after a Telling turn.</param>
/// <param name="MoveShares">Share of the tutor's turns per MathDial move (honest sessions).</param>
/// <param name="ReplyShares">Share of the honest students' replies per kind.</param>
public sealed record PolicyResult(
    string Policy,
    int Sessions,
    MetricCurve Metrics,
    IntervalCurve Intervals,
    double SolvedWithinLimit,
    double? MeanTurnsToSolve,
    double CorrectedMisconception,
    int SessionsWithRevealingTurns,
    int RevealingTurns,
    int GuardInterventions,
    int PraisedAfterTelling,
    IReadOnlyDictionary<string, double> MoveShares,
    IReadOnlyDictionary<string, double> ReplyShares,
    IReadOnlyList<AdversarialResult> Adversarial,
    IReadOnlyList<SessionResult> SessionResults)
{
    public static PolicyResult From(string policy, IReadOnlyList<SessionResult> all, int seed)
    {
        var sessions = all.Where(s => s.Honest).ToList();
        var solved = sessions.Where(s => s.TurnsToSolve is not null).ToList();
        var moves = sessions.SelectMany(s => s.Moves).ToList();
        var replies = sessions.SelectMany(s => s.Replies).ToList();
        var byProblem = sessions.GroupBy(s => s.Problem, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var adversarial = all.Where(s => !s.Honest).GroupBy(s => s.Behaviour, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AdversarialResult(g.Key, g.Count(), g.Count(s => s.TurnsToSolve is not null), g.Count(s => s.SolvedWithoutAnswer)))
            .ToList();
        return new PolicyResult(
            policy,
            sessions.Count,
            InteractiveMetrics.Curve(sessions.Select(s => s.Hits).ToList()),
            IntervalCurve.From(byProblem.Select(g => (IReadOnlyList<AnswerHits>)g.Select(s => s.Hits).ToList()).ToList(),
                byProblem.Select(g => (IReadOnlyList<double>)g.Select(s => s.TellingShare).ToList()).ToList(), seed),
            Share(solved.Count, sessions.Count),
            solved.Count == 0 ? null : Math.Round(solved.Average(s => s.TurnsToSolve!.Value), 3),
            Share(sessions.Count(s => s.Corrected), sessions.Count),
            sessions.Count(s => s.RevealingTurns > 0),
            sessions.Sum(s => s.RevealingTurns),
            sessions.Sum(s => s.GuardInterventions),
            sessions.Count(s => s.PraisedAfterTelling),
            Shares(moves),
            Shares(replies),
            adversarial,
            all);
    }

    public static double Share(int part, int whole) => whole == 0 ? 0 : Math.Round(part / (double)whole, 4);

    public static IReadOnlyDictionary<string, double> Shares(IReadOnlyList<string> items) =>
        items.GroupBy(i => i, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Share(g.Count(), items.Count), StringComparer.Ordinal);
}

/// <summary>
/// One policy against another on the same students (same problem, same seed): per-session differences of success@k and
/// telling@k, with bootstrap intervals over problems. An interval above 0 at success@5 is the acceptance test for adaptive
/// against linear.
/// </summary>
public sealed record PairedDifference(string Policy, string Baseline, IReadOnlyList<Estimate> SuccessAtK, IReadOnlyList<Estimate> TellingAtK)
{
    public static IReadOnlyList<PairedDifference> All(IReadOnlyList<PolicyResult> results, int seed)
    {
        var pairs = new List<PairedDifference>();
        foreach (var (policy, baseline) in new[] { ("adaptive", "linear"), ("llm", "adaptive") })
        {
            if (results.FirstOrDefault(r => r.Policy == policy) is { } a && results.FirstOrDefault(r => r.Policy == baseline) is { } b)
            {
                pairs.Add(Between(a, b, seed));
            }
        }
        return pairs;
    }

    public static PairedDifference Between(PolicyResult policy, PolicyResult baseline, int seed)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(baseline);
        var theirs = baseline.SessionResults.Where(s => s.Honest).ToDictionary(s => (s.Problem, s.Student));
        var paired = policy.SessionResults.Where(s => s.Honest && theirs.ContainsKey((s.Problem, s.Student)))
            .Select(s => (s.Problem, Mine: s.Hits, Theirs: theirs[(s.Problem, s.Student)].Hits))
            .GroupBy(p => p.Problem, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        IReadOnlyList<Estimate> Curve(Func<AnswerHits, int, bool> metric) => Enumerable.Range(1, InteractiveMetrics.MaxK)
            .Select(k => Bootstrap.Mean(paired.Select(g => (IReadOnlyList<double>)g
                .Select(p => (metric(p.Mine, k) ? 1.0 : 0.0) - (metric(p.Theirs, k) ? 1.0 : 0.0)).ToList()).ToList(), seed: seed))
            .ToList();
        return new PairedDifference(policy.Policy, baseline.Policy, Curve((h, k) => h.SuccessAt(k)), Curve((h, k) => h.TellingAt(k)));
    }
}

/// <summary>The MathDial human teachers on the same problems, measured with MathDial's own definitions, and the paper's figures.</summary>
public sealed record HumanAnchor(
    string Source,
    MetricCurve Measured,
    IntervalCurve Intervals,
    IReadOnlyDictionary<string, double> TeacherMoveShares,
    double PaperSuccessAt5,
    double PaperTellingAt7,
    IReadOnlyDictionary<string, double> PaperTeacherMoveShares)
{
    public static HumanAnchor From(string source, IReadOnlyList<TutorApp.Domain.Content.Import.MathDialRecord> dialogues, int seed)
    {
        var hits = dialogues.Select(d => (d.Qid, Hits: InteractiveMetrics.Hits(
            d.Conversation.Where(u => u.IsTeacher).Select(u => u.Text),
            d.Conversation.Where(u => !u.IsTeacher).Select(u => u.Text),
            [d.FinalAnswer]), Telling: TellingShare(d))).ToList();
        var byProblem = hits.GroupBy(h => h.Qid).OrderBy(g => g.Key).ToList();
        var moves = dialogues.SelectMany(d => d.Conversation).Where(u => u.IsTeacher && u.Move is not null).Select(u => u.Move!).ToList();
        return new HumanAnchor(source, InteractiveMetrics.Curve(hits.Select(h => h.Hits).ToList()),
            IntervalCurve.From(byProblem.Select(g => (IReadOnlyList<AnswerHits>)g.Select(h => h.Hits).ToList()).ToList(),
                byProblem.Select(g => (IReadOnlyList<double>)g.Select(h => h.Telling).ToList()).ToList(), seed),
            PolicyResult.Shares(moves), 0.69, 0.10,
            new Dictionary<string, double> { ["focus"] = 0.34, ["probing"] = 0.26, ["generic"] = 0.24, ["telling"] = 0.16 });
    }

    private static double TellingShare(TutorApp.Domain.Content.Import.MathDialRecord dialogue)
    {
        var teacher = dialogue.Conversation.Where(u => u.IsTeacher && u.Move is not null).ToList();
        return teacher.Count == 0 ? 0 : teacher.Count(u => u.Move == "telling") / (double)teacher.Count;
    }
}

public sealed record EvaluationSettings(
    string Problems, IReadOnlyList<string> Policies, int StudentsPerProblem, int Seed, int MaxTurns, int? ProblemLimit, string Calibration);

/// <summary>The whole report, written as JSON; nothing in it depends on timing or database ids, so a seed reproduces it.</summary>
/// <param name="SynthesisedStudents">Honest students whose misconception was made up (no MathDial solution located one).</param>
public sealed record EvaluationReport(
    EvaluationSettings Settings,
    int Problems,
    int SynthesisedStudents,
    SimulatorCalibration Calibration,
    HumanAnchor Anchor,
    IReadOnlyList<PolicyResult> Policies,
    IReadOnlyList<PairedDifference> Differences);
