using TutorApp.Data.Mastery;

namespace TutorApp.Data.Dashboard;

public sealed record HeatmapStudent(string Id, string Name);

/// <param name="Group">The skill's parent in the skill tree (its group on the dashboard); "Ungrouped" for top-level skills.</param>
public sealed record HeatmapSkill(int Id, string Name, string Group);

/// <param name="Mastery">Mastery now (with forgetting, for a model that forgets).</param>
/// <param name="Uncertainty">Standard deviation of the estimate, where the model gives one.</param>
public sealed record HeatmapCell(string StudentId, int SkillId, double Mastery, double? Uncertainty, int Attempts, int Correct, DateTimeOffset LastPractisedAt);

/// <summary>Every student of a class against every skill any of them has practised, with their current mastery.</summary>
public sealed record ClassHeatmap(int ClassId, IReadOnlyList<HeatmapStudent> Students, IReadOnlyList<HeatmapSkill> Skills, IReadOnlyList<HeatmapCell> Cells)
{
    public HeatmapCell? Cell(string studentId, int skillId) => _cells.Value.GetValueOrDefault((studentId, skillId));

    private readonly Lazy<Dictionary<(string, int), HeatmapCell>> _cells = new(() => Cells.ToDictionary(c => (c.StudentId, c.SkillId)));
}

/// <param name="Counts">Students per tenth of mastery: [0] holds 0–10 %, [9] holds 90–100 %.</param>
public sealed record MasteryDistribution(IReadOnlyList<int> Counts, int NotPractised);

public sealed record MisconceptionExample(string StudentId, string StudentName, long SessionId, string Text, DateTimeOffset At);

public sealed record FrequentMisconception(string Key, string Description, int Occurrences, int Students, IReadOnlyList<MisconceptionExample> Examples);

public sealed record SkillView(int SkillId, string SkillName, string Group, MasteryDistribution Distribution,
    IReadOnlyList<HeatmapCell> Students, IReadOnlyList<FrequentMisconception> Misconceptions);

public sealed record StudentSkillMastery(int SkillId, string SkillName, string Group, double Mastery, double? Uncertainty, int Attempts, int Correct,
    DateTimeOffset LastPractisedAt);

/// <param name="HintRequests">Messages in which the student asked for a hint.</param>
/// <param name="TellingMoves">Tutor turns with the Telling move (explanations, revealed strategies).</param>
/// <param name="BottomOuts">Tutor turns that gave a value away (allowed bottom-out hints).</param>
public sealed record StudentSessionSummary(long Id, string Title, string Status, int StudentTurns, int HintRequests, int TellingMoves, int BottomOuts,
    int Misconceptions, int Attempts, int CorrectAttempts, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt);

/// <param name="Trajectory">Mastery after each attempt over <see cref="ClassDashboard.TrajectoryWindow"/>, oldest first.</param>
/// <param name="Traits">The model's learner traits for the student (PSI-KT), or null.</param>
public sealed record StudentDetail(string StudentId, string Name, string Email, IReadOnlyList<StudentSkillMastery> Mastery,
    IReadOnlyList<StudentSessionSummary> Sessions, IReadOnlyList<MasteryTrajectoryPoint> Trajectory, LearnerTraitsView? Traits);

/// <summary>One utterance of a transcript with what the teacher needs to read it: the tutor's move, the student's intent.</summary>
public sealed record TranscriptTurn(int Number, string Speaker, string Text, string? Move, string? SubMove, string? Intent, string? StepKey,
    string? Misconception, bool RevealedAnswer, bool GuardIntervened, DateTimeOffset At);

public sealed record Transcript(long SessionId, string Title, string Status, IReadOnlyList<TranscriptTurn> Turns);

public enum RiskReason
{
    /// <summary>An unfinished session with many messages since the last correct step.</summary>
    Stalled,
    /// <summary>Mastery of a skill dropped noticeably over the look-back window.</summary>
    Falling,
}

/// <param name="Detail">One line for the teacher, e.g. "9 messages without progress on 'Pizza slices'".</param>
public sealed record AtRiskStudent(string StudentId, string Name, RiskReason Reason, string Detail, long? SessionId, int? SkillId);

/// <summary>One attempt in a student's history export.</summary>
public sealed record HistoryRow(DateTimeOffset At, string Problem, string Step, string Skill, bool Correct, int HintsUsed, string Answer, long? SessionId);
