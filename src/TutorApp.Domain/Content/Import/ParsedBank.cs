using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// What an importer read: the records it could use as a bank document, and an issue for each record it left out.
/// The caller decides whether any issue fails the import (strict) or is only reported (lenient).
/// </summary>
/// <param name="RecordsRead">Records in the input (blank lines are not records), whether they were used or not.</param>
/// <param name="QuestionFlags">The generated step questions the importer is unsure of, for the review queue (none for a bank file).</param>
public sealed record ParsedBank(BankDocument Document, IReadOnlyList<ImportIssue> Issues, int RecordsRead, IReadOnlyList<StepQuestionFlags> QuestionFlags);
