namespace TutorApp.Domain.Content.Import;

/// <summary>Why the importer is unsure of a step question it wrote; the review queue shows flagged questions first.</summary>
public enum QuestionFlagReason
{
    /// <summary>No sentence shape was understood: the question is the generic one or "What is the result of this step: …".</summary>
    GenericTemplate,
    /// <summary>No sentence shape was understood: the question quotes the solution's sentence with a blank.</summary>
    FillInTheBlank,
    /// <summary>The sentence has a subject but none of its words is a known verb, so a plainer shape was used.</summary>
    NoVerbFound,
    /// <summary>The unit's plural was made by a spelling rule for a word that often breaks it ("cactus").</summary>
    UnknownPlural,
    /// <summary>"How many …" without a noun, or a number word as the unit: the student cannot tell what is counted.</summary>
    NoUnit,
    /// <summary>A bare label from the solution ("Lev: 5 x 3 = 15"), asked as "What is the number for Lev?".</summary>
    LabelOnly,
    /// <summary>Another step of the same problem asks the very same question, so a student cannot tell them apart.</summary>
    SameAsOtherStep,
}

/// <param name="Detail">What exactly was unsure, for the reviewer ("'cactus' made plural as 'cacti'?", "same as step s2").</param>
public sealed record QuestionFlag(QuestionFlagReason Reason, string Detail)
{
    /// <summary>A sentence for the review queue: the reason in words, then the detail.</summary>
    public string Describe() => $"{Explain(Reason)}: {Detail}";

    public static string Explain(QuestionFlagReason reason) => reason switch
    {
        QuestionFlagReason.GenericTemplate => "fell back to a generic question",
        QuestionFlagReason.FillInTheBlank => "fell back to a fill-in-the-blank",
        QuestionFlagReason.NoVerbFound => "no verb found in the solution sentence",
        QuestionFlagReason.UnknownPlural => "unknown plural",
        QuestionFlagReason.NoUnit => "ambiguous quantity",
        QuestionFlagReason.LabelOnly => "asked from a bare label",
        QuestionFlagReason.SameAsOtherStep => "same question as another step",
        _ => reason.ToString(),
    };
}

/// <summary>A step question as the importer wrote it, with what it is unsure about (nothing: confident).</summary>
public sealed record WrittenQuestion(string Text, IReadOnlyList<QuestionFlag> Flags);

/// <summary>The flags of one generated step question, for the review queue.</summary>
/// <param name="Question">The question as written; once a reviewer changes the step's prompt, the flags no longer apply.</param>
public sealed record StepQuestionFlags(string ProblemKey, string StepKey, string Question, IReadOnlyList<QuestionFlag> Flags);
