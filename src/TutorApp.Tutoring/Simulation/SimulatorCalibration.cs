using System.Text.RegularExpressions;
using TutorApp.Domain.Content;
using TutorApp.Domain.Content.Import;

namespace TutorApp.Tutoring.Simulation;

/// <summary>
/// How a simulated student behaves, per tutor turn about the step it has wrong. Every figure is a proportion measured on
/// MathDial dialogues (<see cref="SimulatorCalibration.Fit"/>), never chosen to suit a tutor.
/// </summary>
/// <param name="FocusFixRate">Chance that the reply to a focus turn corrects the wrong value (the turn does not state it).</param>
/// <param name="CopyRevealedRate">Chance that the reply to a turn stating the right value (or the final answer) repeats it.</param>
/// <param name="DontKnowRate">Among replies that do not correct the value: the share that say they do not know.</param>
/// <param name="AsksForAnswerRate">Among those replies: the share that ask to be told the answer.</param>
/// <param name="QuestionRate">Among those replies: the share that ask a question instead of answering.</param>
/// <param name="RestateRate">Among those replies: the share that restate the wrong value.</param>
/// <param name="WorkingRate">Among those replies: the share that show a calculation without the wrong value; the rest is
/// partial reasoning in words. Also the share of right answers given with their calculation.</param>
/// <param name="OpensWithSolutionRate">Chance that the first reply presents the whole (wrong) solution although the tutor
/// asked something else: measured on dialogues whose first teacher turn is not a generic "walk me through it".</param>
public sealed record SimulatorParameters(
    double FocusFixRate,
    double ProbingFixRate,
    double TellingFixRate,
    double GenericFixRate,
    double CopyRevealedRate,
    double DontKnowRate,
    double AsksForAnswerRate,
    double QuestionRate,
    double RestateRate,
    double WorkingRate,
    double OpensWithSolutionRate)
{
    /// <summary>
    /// Fitted on the MathDial dev split (shared/data/mathdial/dev.jsonl, 357 dialogues) by <see cref="SimulatorCalibration.Fit"/>;
    /// a unit test refits and compares, so these stay what the data says. For use where the data is not at hand
    /// (the hint validator in the web app).
    /// </summary>
    public static readonly SimulatorParameters MathDialDev = new(
        FocusFixRate: 0.3532,
        ProbingFixRate: 0.2107,
        TellingFixRate: 0.4286,
        GenericFixRate: 0.1667,
        CopyRevealedRate: 0.7606,
        DontKnowRate: 0,
        AsksForAnswerRate: 0,
        QuestionRate: 0.0063,
        RestateRate: 0.4117,
        WorkingRate: 0.2256,
        OpensWithSolutionRate: 0.382);

    public double FixRate(TeacherMove move) => move switch
    {
        TeacherMove.Focus => FocusFixRate,
        TeacherMove.Probing => ProbingFixRate,
        TeacherMove.Telling => TellingFixRate,
        _ => GenericFixRate,
    };
}

/// <summary>What the dialogues show, as counts, beside the proportions fitted from them.</summary>
/// <param name="Dialogues">Dialogues read.</param>
/// <param name="WithMisconception">Dialogues whose student's mistake could be placed on a step: the ones measured.</param>
/// <param name="Trials">Student replies, while the value was still wrong, to a turn of each move that did not state it.</param>
/// <param name="Fixes">Of those, the replies that gave the right value of the step (or the final answer).</param>
/// <param name="NotFixed">Replies, while the value was still wrong, that did not correct it.</param>
public sealed record CalibrationCounts(
    int Dialogues,
    int WithMisconception,
    IReadOnlyDictionary<string, int> Trials,
    IReadOnlyDictionary<string, int> Fixes,
    int RevealTrials,
    int RevealCopies,
    int NotFixed,
    int DontKnow,
    int AsksForAnswer,
    int Questions,
    int Restates,
    int Working,
    int OpeningTrials,
    int OpeningsWithSolution,
    IReadOnlyDictionary<string, int> TeacherMoves);

public sealed record SimulatorCalibration(SimulatorParameters Parameters, CalibrationCounts Data)
{
    /// <summary>
    /// Walks each dialogue whose mistake is placed on a step (right value R, the student's wrong value W, final answer F):
    /// after the student's first utterance (its own solution, presented), each student utterance until the first one
    /// containing R or F is a trial of the teacher move just before it; a teacher
    /// utterance that itself contains R or F is a reveal trial instead. Replies that do not correct are sorted into
    /// "I don't know", asks for the answer, asks a question, restates W, shows a calculation (working), or other (partial
    /// reasoning), in that order of precedence. Separately, on dialogues whose first teacher turn is not generic (the teacher
    /// asked something specific instead of "walk me through your solution"), the share of first student replies that still
    /// present the whole wrong solution (they contain the student's wrong final answer).
    /// </summary>
    public static SimulatorCalibration Fit(IReadOnlyList<MathDialRecord> dialogues)
    {
        var moves = Enum.GetValues<TeacherMove>().Select(Label).ToList();
        var trials = moves.ToDictionary(m => m, _ => 0);
        var fixes = moves.ToDictionary(m => m, _ => 0);
        var teacherMoves = moves.ToDictionary(m => m, _ => 0);
        int measured = 0, revealTrials = 0, revealCopies = 0, notFixed = 0, dontKnow = 0, asks = 0, questions = 0, restates = 0, working = 0;
        int openingTrials = 0, openingsWithSolution = 0;
        foreach (var dialogue in dialogues)
        {
            foreach (var move in dialogue.Conversation.Where(u => u.IsTeacher && u.Move is not null && teacherMoves.ContainsKey(u.Move)))
            {
                teacherMoves[move.Move!]++;
            }
            var opening = dialogue.Conversation.Take(2).ToList();
            if (dialogue.StudentAnswer != dialogue.FinalAnswer && opening.Count == 2 && opening[0].IsTeacher && !opening[1].IsTeacher
                && opening[0].Move is { } first && first != "generic")
            {
                openingTrials++;
                openingsWithSolution += InteractiveMetrics.ContainsAnswer(opening[1].Text, [dialogue.StudentAnswer]) ? 1 : 0;
            }
            if (dialogue.Misconception is not { } site)
            {
                continue;
            }
            measured++;
            decimal[] targets = [site.RightValue, dialogue.FinalAnswer];
            decimal[] wrong = [site.WrongValue];
            MathDialUtterance? teacher = null;
            var presented = false;
            foreach (var utterance in dialogue.Conversation)
            {
                if (utterance.IsTeacher)
                {
                    teacher = utterance;
                    continue;
                }
                if (!presented)
                {
                    // The student's first utterance presents its own solution; replies to the teacher's help come after it.
                    presented = true;
                    continue;
                }
                if (teacher is null || (teacher.Move is not { } move || !trials.ContainsKey(move)))
                {
                    continue;
                }
                var corrects = InteractiveMetrics.ContainsAnswer(utterance.Text, targets);
                if (InteractiveMetrics.ContainsAnswer(teacher.Text, targets))
                {
                    revealTrials++;
                    revealCopies += corrects ? 1 : 0;
                }
                else
                {
                    trials[move]++;
                    fixes[move] += corrects ? 1 : 0;
                }
                if (corrects)
                {
                    break;
                }
                notFixed++;
                if (StudentLanguage.SaysDontKnow(utterance.Text))
                {
                    dontKnow++;
                }
                else if (StudentLanguage.AsksForAnswer(utterance.Text))
                {
                    asks++;
                }
                else if (utterance.Text.Contains('?', StringComparison.Ordinal))
                {
                    questions++;
                }
                else if (InteractiveMetrics.ContainsAnswer(utterance.Text, wrong))
                {
                    restates++;
                }
                else if (StudentArithmetic.Expressions(utterance.Text).Count > 0 || StudentArithmetic.Equations(utterance.Text, verify: false).Count > 0)
                {
                    working++;
                }
            }
        }
        double Rate(int hits, int total) => total == 0 ? 0 : Math.Round(hits / (double)total, 4);
        var parameters = new SimulatorParameters(
            Rate(fixes["focus"], trials["focus"]),
            Rate(fixes["probing"], trials["probing"]),
            Rate(fixes["telling"], trials["telling"]),
            Rate(fixes["generic"], trials["generic"]),
            Rate(revealCopies, revealTrials),
            Rate(dontKnow, notFixed),
            Rate(asks, notFixed),
            Rate(questions, notFixed),
            Rate(restates, notFixed),
            Rate(working, notFixed),
            Rate(openingsWithSolution, openingTrials));
        return new SimulatorCalibration(parameters, new CalibrationCounts(dialogues.Count, measured, trials, fixes, revealTrials, revealCopies,
            notFixed, dontKnow, asks, questions, restates, working, openingTrials, openingsWithSolution, teacherMoves));
    }

    public static string Label(TeacherMove move) => move.ToString().ToLowerInvariant();
}

/// <summary>Recognises what students say, the same way when measuring MathDial students and when checking simulated ones.</summary>
public static partial class StudentLanguage
{
    public static bool SaysDontKnow(string text) => DontKnow().IsMatch(text);

    public static bool AsksForAnswer(string text) => AnswerRequest().IsMatch(text);

    [GeneratedRegex(@"\b(i\s+(do\s+not|don'?t|dont)\s+know|not\s+sure|no\s+idea|i'?m\s+(confused|stuck|lost)|i\s+am\s+(confused|stuck|lost)|(do\s+not|don'?t)\s+understand)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DontKnow();

    [GeneratedRegex(@"\b(tell\s+me\s+the\s+answer|give\s+me\s+the\s+answer|what\s+is\s+the\s+(right|correct)\s+answer|just\s+tell\s+me|can\s+you\s+(just\s+)?(tell|show)\s+me\s+(the\s+)?(answer|solution))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnswerRequest();
}
