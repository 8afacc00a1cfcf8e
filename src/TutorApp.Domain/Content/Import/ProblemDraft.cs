using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content.Import;

/// <summary>Where an imported problem comes from and how it is labelled.</summary>
internal sealed record ProblemOrigin(string Key, string Source, string Licence, string Tag, DateTimeOffset ImportedAt);

/// <summary>One step of a problem being imported; misconceptions can still be added (MathDial).</summary>
internal sealed class StepDraft(string key, StepTexts texts, IReadOnlyList<string> skills, IReadOnlyList<string> dependsOn,
    IReadOnlyList<QuestionFlag> questionFlags)
{
    private readonly List<BankMisconception> _misconceptions = [];
    private readonly List<BankQuestionNode> _nodes = [.. QuestionTreeWriter.ForStep(key, texts)];

    public string Key { get; } = key;

    public StepTexts Texts { get; } = texts;

    public IReadOnlyList<BankMisconception> Misconceptions => _misconceptions;

    /// <summary>What the importer is unsure of in the step's question (<see cref="StepTexts.Prompt"/>); empty when confident.</summary>
    public IReadOnlyList<QuestionFlag> QuestionFlags { get; private set; } = questionFlags;

    public void Flag(QuestionFlag flag) => QuestionFlags = [.. QuestionFlags, flag];

    public IReadOnlyList<BankQuestionNode> Nodes => _nodes;

    public bool HasMisconception(decimal wrongValue) => _misconceptions.Any(m => m.WrongValues.Contains(wrongValue));

    public void AddMisconception(string description, decimal wrongValue, IReadOnlyList<string> patterns, string remediationQuestion)
    {
        var misconceptionKey = $"m{_misconceptions.Count + 1}";
        _misconceptions.Add(new BankMisconception(misconceptionKey, description, [wrongValue], patterns, remediationQuestion));
        _nodes.Add(QuestionTreeWriter.ForMisconception(Key, _nodes.Count + 1, misconceptionKey, remediationQuestion, wrongValue, Texts));
    }

    public BankStep ToBankStep() => new(Key, Texts.Prompt, Texts.Expected, skills, dependsOn, _misconceptions.ToList());
}

/// <summary>
/// A problem being imported from a word problem and the calculations of its worked solution: steps with prompts,
/// dependencies, skills and question trees. Shared by the GSM8K and MathDial importers.
/// </summary>
internal sealed class ProblemDraft
{
    private const int TitleLength = 60;

    private ProblemDraft(ProblemOrigin origin, string question, NumberAnswer finalAnswer, IReadOnlyList<StepDraft> steps)
    {
        Origin = origin;
        Question = question;
        FinalAnswer = finalAnswer;
        Steps = steps;
    }

    public ProblemOrigin Origin { get; }

    public string Question { get; }

    public NumberAnswer FinalAnswer { get; }

    public IReadOnlyList<StepDraft> Steps { get; }

    public static ProblemDraft Create(ProblemOrigin origin, string question, IReadOnlyList<SolutionCalculation> calculations, decimal finalAnswer)
    {
        var steps = new List<StepDraft>();
        for (var index = 0; index < calculations.Count; index++)
        {
            var calculation = calculations[index];
            var expected = StepAnswers.For(calculation);
            var dependsOn = DependenciesOf(calculation, steps);
            var lineSteps = calculations.Where(c => c.LineIndex == calculation.LineIndex).ToList();
            var givesFinalAnswer = index == calculations.Count - 1 && Math.Abs(calculation.Result - finalAnswer) <= expected.Tolerance;
            var written = StepPromptWriter.Write(calculation, lineSteps, text => LeakGuard.Reveals(text, expected),
                givesFinalAnswer ? StepPromptWriter.QuestionOf(question) : null);
            var prompt = written.Text;
            var (prefix, suffix) = StepPromptWriter.Surroundings(calculation, lineSteps);
            var sentence = $"{prefix} {calculation.Line[calculation.CalculationStart..calculation.ResultEnd]} {suffix}";
            var texts = new StepTexts(calculation, expected, prompt, sentence, question);
            var skills = SkillTaxonomy.ForStep(calculation, sentence, usesEarlierResult: dependsOn.Count > 0);
            steps.Add(new StepDraft($"s{index + 1}", texts, skills, dependsOn, written.Flags));
        }
        // Two steps asking the same question cannot both be answered right: the student cannot tell which one is meant.
        foreach (var same in steps.GroupBy(s => s.Texts.Prompt, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            foreach (var step in same)
            {
                var others = StepTexts.ListOf(same.Where(s => s != step).Select(s => s.Key).ToList());
                step.Flag(new QuestionFlag(QuestionFlagReason.SameAsOtherStep, $"step {step.Key} asks the same as step {others}"));
            }
        }
        return new ProblemDraft(origin, question, StepAnswers.For(finalAnswer, isPercent: false), steps);
    }

    public IEnumerable<string> SkillNames => Steps.SelectMany(s => s.ToBankStep().Skills).Distinct();

    /// <summary>
    /// The problem as a draft: generated questions are reviewed by an admin before students get them (the import can
    /// publish them at once when asked to, see <see cref="ImportedBank.Published"/>).
    /// </summary>
    public BankProblem ToBankProblem()
    {
        var bankSteps = Steps.Select(s => s.ToBankStep()).ToList();
        var version = new BankProblemVersion(
            Number: 1,
            Status: BankVocabulary.Word(VersionStatus.Draft),
            Title: TitleOf(Question),
            Statement: MarkdownEscaper.Escape(Question.Trim()),
            FinalAnswer: FinalAnswer,
            Difficulty: DifficultyOf(Steps.Count),
            Source: Origin.Source,
            Licence: Origin.Licence,
            Tags: [Origin.Tag],
            Skills: bankSteps.SelectMany(s => s.Skills).Distinct().Order(StringComparer.Ordinal).ToList(),
            CreatedAt: Origin.ImportedAt,
            PublishedAt: null,
            Steps: bankSteps,
            Tree: Steps.SelectMany(s => s.Nodes).ToList());
        return new BankProblem(Origin.Key, [version]);
    }

    /// <summary>The first words of the question, at most 60 characters, cut between words and marked with "…".</summary>
    public static string TitleOf(string question)
    {
        var text = string.Join(' ', question.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= TitleLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', TitleLength - 1);
        var head = (cut > 0 ? text[..cut] : text[..(TitleLength - 1)]).TrimEnd(',', ';', ':', '.', '-', ' ');
        return head + "…";
    }

    /// <summary>1 (one or two steps) to 5 (seven steps or more); GSM8K solutions have 2 to 8 lines of calculation.</summary>
    public static int DifficultyOf(int stepCount) => stepCount switch
    {
        <= 2 => 1,
        3 => 2,
        4 => 3,
        5 or 6 => 4,
        _ => 5,
    };

    // Step j depends on step i when one of j's numbers is i's result (within i's tolerance: "0.33" uses "0.3333").
    // When several earlier steps gave that number, the latest is taken: solutions use what they just computed.
    private static IReadOnlyList<string> DependenciesOf(SolutionCalculation calculation, IReadOnlyList<StepDraft> earlier)
    {
        if (calculation.Expression is null)
        {
            return [];
        }
        var dependencies = new SortedSet<int>();
        foreach (var operand in calculation.Expression.Operands)
        {
            for (var i = earlier.Count - 1; i >= 0; i--)
            {
                var result = earlier[i].Texts.Expected;
                if (Math.Abs(operand - result.Value) <= Math.Max(result.Tolerance, 0m))
                {
                    dependencies.Add(i);
                    break;
                }
            }
        }
        return dependencies.Select(i => earlier[i].Key).ToList();
    }
}

/// <summary>Puts imported problems into a bank document.</summary>
public static class ImportedBank
{
    internal static BankDocument Document(IReadOnlyList<ProblemDraft> problems) =>
        BankDocument.Create(
            SkillTaxonomy.WithPrerequisites(problems.SelectMany(p => p.SkillNames)),
            problems.Select(p => p.ToBankProblem()).ToList());

    /// <summary>The flags of every generated question that has some, problem by problem in step order.</summary>
    internal static IReadOnlyList<StepQuestionFlags> Flags(IReadOnlyList<ProblemDraft> problems) =>
        problems.SelectMany(p => p.Steps.Where(s => s.QuestionFlags.Count > 0)
            .Select(s => new StepQuestionFlags(p.Origin.Key, s.Key, s.Texts.Prompt, s.QuestionFlags))).ToList();

    /// <summary>
    /// The document with every draft version published as of <paramref name="at"/> ("import --publish": demo seeding,
    /// evaluation runs). Versions that are already published or retired are left as they are.
    /// </summary>
    public static BankDocument Published(BankDocument document, DateTimeOffset at) => document with
    {
        Problems = document.Problems.Select(p => p with
        {
            Versions = p.Versions.Select(v => v.Status == BankVocabulary.Word(VersionStatus.Draft)
                ? v with { Status = BankVocabulary.Word(VersionStatus.Published), PublishedAt = at }
                : v).ToList(),
        }).ToList(),
    };
}
