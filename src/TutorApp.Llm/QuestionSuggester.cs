using System.Text.Json;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Bank;
using TutorApp.Tutoring;
using TutorApp.Tutoring.Guarding;
using TutorApp.Tutoring.Validation;

namespace TutorApp.Llm;

/// <summary>A question (with its hint ladder) the model suggested for a step, and what the checks made of it.</summary>
/// <param name="Accepted">Passed every check: the admin may add it to the tree.</param>
/// <param name="Verdict">What the checks found, for the admin to read.</param>
public sealed record QuestionSuggestion(TeacherMove Move, string Text, IReadOnlyList<string> Hints, bool Accepted, string Verdict);

/// <summary>The suggestions for one request, or why there are none.</summary>
public sealed record SuggestionResult(IReadOnlyList<QuestionSuggestion> Suggestions, string? Failure);

/// <summary>
/// Authoring assist: asks the model for Socratic questions and hint ladders for one step, then checks each the way a
/// tutoring turn is checked: the generated-text guard (nothing of the step's value, later steps' values or the final
/// answer; only numbers from the problem and earlier steps) on the question and every hint, a valid move label, and the
/// student simulator on the hint ladder (a student stuck on the step, first without and then with the ladder).
/// Nothing is added to the tree here: the admin accepts suggestions one by one.
/// </summary>
public sealed class QuestionSuggester(LlmChat tutor, HintValidator? validator, ILlmCallLog log, TimeProvider clock)
{
    /// <summary>The work the simulated student starts from when no misconception gives a typical wrong value.</summary>
    public const string StuckStudentWork = "I'm not sure how to start this step.";

    private readonly GeneratedTextGuard _guard = new(new LeakGuard());

    public async Task<SuggestionResult> SuggestAsync(BankProblemVersion problem, string stepKey, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var step = problem.Steps.FirstOrDefault(s => s.Key == stepKey)
            ?? throw new ArgumentException($"The problem has no step \"{stepKey}\".", nameof(stepKey));
        if (step.Expected is null)
        {
            return new SuggestionResult([], "Set the step's expected answer first: suggestions are checked against it.");
        }
        var reply = await tutor.CompleteAsync(TutorPrompts.SuggestionInstructions, TutorPrompts.Suggestion(problem, step, count), json: true,
            cancellationToken);
        if (!reply.Succeeded)
        {
            log.Record(reply.ToRecord(clock.GetUtcNow(), "suggest", null, "failed", reply.Failure));
            return new SuggestionResult([], "The model could not be reached: " + reply.Failure);
        }
        var candidates = Read(reply.Text, out var error);
        if (error is not null)
        {
            log.Record(reply.ToRecord(clock.GetUtcNow(), "suggest", null, "rejected", error));
            return new SuggestionResult([], "The model's reply could not be read (" + error + "). Try again.");
        }

        // The state of a student at this step: every earlier step resolved, this one and the later ones not.
        var earlier = problem.Steps.TakeWhile(s => s.Key != stepKey).Select(s => s.Key).ToList();
        var state = new DialogueState { ProblemVersion = problem.Number, CurrentStepKey = stepKey, ResolvedSteps = [.. earlier] };
        var protectedValues = LeakGuard.ProtectedValues(problem, state);
        var seenTexts = problem.Steps.Where(s => earlier.Contains(s.Key) && s.Expected is not null)
            .Select(s => s.Expected!.Display()).Append(problem.Statement).Append(step.Prompt).ToList();
        var work = step.Misconceptions.FirstOrDefault(m => m.WrongValues.Count > 0) is { } typical
            ? $"I think it is {typical.WrongValues[0]}."
            : StuckStudentWork;
        var simulation = new SimulatedStudentRequest(problem, stepKey, work, null, 0);
        Task<int>? baseline = null;

        var suggestions = new List<QuestionSuggestion>();
        foreach (var candidate in candidates.Take(count))
        {
            var problems = new List<string>();
            if (candidate.Move is null)
            {
                problems.Add($"the move \"{candidate.MoveText}\" is not Focus, Probing, Telling or Generic");
            }
            foreach (var text in candidate.Hints.Prepend(candidate.Text))
            {
                var check = _guard.Check(text, protectedValues, seenTexts);
                if (!check.Safe)
                {
                    problems.Add($"\"{Excerpt(text)}\": {check.Reason}");
                }
            }
            string verdict;
            if (problems.Count > 0)
            {
                verdict = "Rejected: " + string.Join("; ", problems);
            }
            else if (validator is null)
            {
                problems.Add("no student simulator is configured");
                verdict = "Not validated: no student simulator is configured, so the hints were not tried on a simulated student.";
            }
            else
            {
                try
                {
                    baseline ??= validator.SuccessesAsync(simulation, state, cancellationToken);
                    var without = await baseline;
                    var with = await validator.SuccessesAsync(simulation with { Hint = string.Join(" ", candidate.Hints) }, state, cancellationToken);
                    var validation = new HintValidation(validator.Samples, with, without);
                    if (!validation.Kept)
                    {
                        problems.Add("simulator: " + validation);
                    }
                    verdict = (validation.Kept ? "Passed: hints " : "Rejected: hints ") + validation;
                }
                catch (StudentSimulatorException exception)
                {
                    problems.Add(exception.Message);
                    verdict = "Not validated: " + exception.Message;
                }
            }
            suggestions.Add(new QuestionSuggestion(candidate.Move ?? TeacherMove.Focus, candidate.Text, candidate.Hints, problems.Count == 0, verdict));
        }
        var accepted = suggestions.Count(s => s.Accepted);
        log.Record(reply.ToRecord(clock.GetUtcNow(), "suggest", null, accepted > 0 ? "accepted" : "rejected",
            $"{accepted} of {suggestions.Count} suggestions passed"));
        return new SuggestionResult(suggestions, suggestions.Count == 0 ? "The model suggested no questions. Try again." : null);
    }

    private sealed record Candidate(TeacherMove? Move, string? MoveText, string Text, IReadOnlyList<string> Hints);

    private static List<Candidate> Read(string? reply, out string? error)
    {
        var (root, parseError) = LlmReplyParser.Object(reply);
        error = parseError;
        var candidates = new List<Candidate>();
        if (root is not { } document)
        {
            return candidates;
        }
        if (!document.TryGetProperty("questions", out var questions) || questions.ValueKind != JsonValueKind.Array)
        {
            error = "malformed: no \"questions\" array";
            return candidates;
        }
        foreach (var question in questions.EnumerateArray().Where(q => q.ValueKind == JsonValueKind.Object))
        {
            var text = LlmReplyParser.String(question, "text")?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }
            var moveText = LlmReplyParser.String(question, "move");
            TeacherMove? move = Enum.TryParse<TeacherMove>(moveText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
            var hints = question.TryGetProperty("hints", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Where(h => h.ValueKind == JsonValueKind.String).Select(h => h.GetString()!.Trim())
                    .Where(h => h.Length > 0).Take(5).ToList()
                : [];
            candidates.Add(new Candidate(move, moveText, text, hints));
        }
        return candidates;
    }

    private static string Excerpt(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
