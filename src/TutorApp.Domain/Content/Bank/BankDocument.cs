using TutorApp.Domain.Answers;

namespace TutorApp.Domain.Content.Bank;

// The TutorApp bank format: the whole content model as plain records, referring to things by key, never by
// database id. Every importer produces it, the one bank importer persists it, and export writes it back.
// The published JSON Schema is docs/bank.schema.json. Lists are written in a fixed order so that
// export -> import -> export gives the same bytes.

public sealed record BankDocument(
    string Format,
    int FormatVersion,
    IReadOnlyList<BankSkill> Skills,
    IReadOnlyList<BankProblem> Problems)
{
    public const string FormatName = "tutorapp-bank";
    public const int CurrentFormatVersion = 1;

    public static BankDocument Create(IReadOnlyList<BankSkill> skills, IReadOnlyList<BankProblem> problems) =>
        new(FormatName, CurrentFormatVersion, skills, problems);
}

/// <param name="Name">Unique; the skill's key.</param>
/// <param name="Parent">Name of the parent skill in the skill tree, if any.</param>
/// <param name="Prerequisites">Names of the skills to master first; together they must form a DAG.</param>
public sealed record BankSkill(string Name, string Description, string? Parent, IReadOnlyList<string> Prerequisites);

/// <param name="Key">Stable and unique, e.g. "gsm8k-train-00017".</param>
public sealed record BankProblem(string Key, IReadOnlyList<BankProblemVersion> Versions);

/// <param name="Status">"draft", "published" or "retired".</param>
/// <param name="Difficulty">1 (easiest) to 5.</param>
/// <param name="Skills">Skill names for the problem as a whole.</param>
/// <param name="Tree">Every question node of every step; each names its step and parent by key.</param>
public sealed record BankProblemVersion(
    int Number,
    string Status,
    string Title,
    string Statement,
    AnswerSpec FinalAnswer,
    int Difficulty,
    string Source,
    string Licence,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Skills,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<BankStep> Steps,
    IReadOnlyList<BankQuestionNode> Tree);

/// <param name="Key">Unique within the version, e.g. "s1".</param>
/// <param name="DependsOn">Keys of the steps whose results this step uses.</param>
/// <param name="Expected">Null only in an unfinished draft; publishing requires it.</param>
public sealed record BankStep(
    string Key,
    string Prompt,
    AnswerSpec? Expected,
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<BankMisconception> Misconceptions);

/// <param name="Key">Unique within the step, e.g. "m1".</param>
/// <param name="Patterns">Case-insensitive regular expressions over the student's words.</param>
public sealed record BankMisconception(
    string Key,
    string Description,
    IReadOnlyList<decimal> WrongValues,
    IReadOnlyList<string> Patterns,
    string RemediationQuestion);

/// <param name="Key">Unique within the version, e.g. "s1.q1".</param>
/// <param name="Step">Key of the step this node belongs to.</param>
/// <param name="Parent">Key of the parent node; null for the step's root.</param>
/// <param name="Trigger">"root", "wrong-answer", "misconception" or "incomplete".</param>
/// <param name="Misconception">Key of the step's misconception, when the trigger is "misconception".</param>
/// <param name="Move">"focus", "probing", "telling" or "generic" (MathDial).</param>
/// <param name="Expected">What the question asks for; null for an open question.</param>
public sealed record BankQuestionNode(
    string Key,
    string Step,
    string? Parent,
    string Trigger,
    string? Misconception,
    string Move,
    string SubMove,
    string Text,
    AnswerSpec? Expected,
    IReadOnlyList<Hint> Hints);
