using System.Text.RegularExpressions;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// The fixed skill taxonomy that imported word problems (GSM8K, MathDial) are tagged with. Skills are flat (no parent);
/// the prerequisites form a DAG:
/// <code>
/// Skill                 Tagged on a step when                                       Prerequisites
/// Addition              the calculation adds                                         -
/// Subtraction           the calculation subtracts                                    Addition
/// Multiplication        the calculation multiplies (or squares)                      Addition
/// Division              the calculation divides                                      Multiplication, Subtraction
/// Decimals              a number in the calculation or its result is not whole       Addition, Subtraction
/// Fractions             a fraction is used as a number (3/4 * 600), or the           Multiplication, Division
///                       sentence speaks of halves, thirds, quarters ...
/// Percentages           a percentage, "percent" or a division by 100                 Fractions, Decimals
/// Money                 the result is an amount of money ($, dollars, cents)         Addition, Subtraction
/// Rates                 a multiplication or division with "per", "an hour",          Multiplication, Division
///                       "/day", "speed" ...
/// Unit conversion       a multiplication or division by a conversion factor          Multiplication, Division
///                       (60 minutes, 12 inches, a dozen, 1000 grams ...)
/// Multi-step reasoning  the step uses the result of an earlier step                  Addition, Subtraction, Multiplication
/// Equations             the step solves for an unknown ("3c = 21", "x = 7")           Addition, Subtraction, Multiplication,
///                       instead of calculating                                      Division
/// Reading quantities    nothing above applies (a stated value with no calculation)   -
/// </code>
/// Every step gets at least one skill, because attempts are recorded per skill for knowledge tracing.
/// A problem's skills are the union of its steps' skills. A bank document lists the skills its problems use together
/// with their prerequisites, so that every skill name it mentions is defined in it.
/// </summary>
public static partial class SkillTaxonomy
{
    public const string Addition = "Addition";
    public const string Subtraction = "Subtraction";
    public const string Multiplication = "Multiplication";
    public const string Division = "Division";
    public const string Decimals = "Decimals";
    public const string Fractions = "Fractions";
    public const string Percentages = "Percentages";
    public const string Money = "Money";
    public const string Rates = "Rates";
    public const string UnitConversion = "Unit conversion";
    public const string MultiStepReasoning = "Multi-step reasoning";
    public const string Equations = "Equations";
    public const string ReadingQuantities = "Reading quantities";

    /// <summary>Every skill of the taxonomy, sorted by name.</summary>
    public static IReadOnlyList<BankSkill> Skills { get; } =
    [
        new(Addition, "Add whole numbers: put amounts together, find a total.", null, []),
        new(Decimals, "Calculate with numbers that are not whole (0.5, 2.75) and round sensibly.", null, [Addition, Subtraction]),
        new(Division, "Divide: share into equal groups, find how many groups, undo a multiplication.", null, [Multiplication, Subtraction]),
        new(Equations, "Find an unknown from an equation: x + 5 = 9, 3c = 21.", null, [Addition, Division, Multiplication, Subtraction]),
        new(Fractions, "Use fractions as numbers: a half, three quarters of an amount, fractions of a whole.", null, [Division, Multiplication]),
        new(Money, "Work with amounts of money: prices, costs, change, earnings, dollars and cents.", null, [Addition, Subtraction]),
        new(MultiStepReasoning, "Chain calculations: use the result of one step as a number in the next.", null, [Addition, Multiplication, Subtraction]),
        new(Multiplication, "Multiply: equal groups, repeated addition, \"times as many\".", null, [Addition]),
        new(Percentages, "Use percentages: a percent of an amount, percentage increase and decrease.", null, [Decimals, Fractions]),
        new(Rates, "Use rates such as speed, price per item or pay per hour: amount = rate × time or quantity.", null, [Division, Multiplication]),
        new(ReadingQuantities, "Read a word problem and state the quantity it gives or implies, without calculating.", null, []),
        new(Subtraction, "Subtract: take away, find what is left, compare two amounts.", null, [Addition]),
        new(UnitConversion, "Convert between units: minutes and hours, inches and feet, dozens, grams and kilograms.", null, [Division, Multiplication]),
    ];

    private static readonly Dictionary<string, BankSkill> SkillsByName = Skills.ToDictionary(s => s.Name, StringComparer.Ordinal);

    // A conversion factor and the unit words that must appear with it ("dozen" alone is enough for 12).
    private static readonly (decimal Factor, string[] Units, int WordsNeeded)[] ConversionFactors =
    [
        (60m, ["minute", "hour", "second"], 2), (24m, ["hour", "day"], 2), (7m, ["day", "week"], 2),
        (12m, ["dozen"], 1), (12m, ["inch", "foot", "feet"], 2), (12m, ["month", "year"], 2), (52m, ["week", "year"], 2),
        (365m, ["day", "year"], 2), (100m, ["cent", "dollar"], 2), (100m, ["centimet", "meter", "metre"], 2),
        (1000m, ["gram", "kilogram"], 2), (1000m, ["meter", "metre", "kilomet"], 2), (1000m, ["milliliter", "millilitre", "liter", "litre", "ml"], 2),
        (16m, ["ounce", "pound"], 2), (3m, ["foot", "feet", "yard"], 2), (4m, ["quart", "gallon"], 2), (4m, ["quarter", "dollar"], 2),
    ];

    /// <summary>The named skills together with every prerequisite they need, transitively, sorted by name.</summary>
    public static IReadOnlyList<BankSkill> WithPrerequisites(IEnumerable<string> skillNames)
    {
        var needed = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(skillNames);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (SkillsByName.TryGetValue(name, out var skill) && needed.Add(name))
            {
                foreach (var prerequisite in skill.Prerequisites)
                {
                    pending.Push(prerequisite);
                }
            }
        }
        return needed.Select(n => SkillsByName[n]).ToList();
    }

    /// <summary>The skills a step exercises, sorted by name.</summary>
    /// <param name="sentence">The solution's wording around the calculation.</param>
    internal static IReadOnlyList<string> ForStep(SolutionCalculation step, string sentence, bool usesEarlierResult)
    {
        var skills = new SortedSet<string>(StringComparer.Ordinal);
        var expression = step.Expression;
        var operators = expression?.Operators ?? [];
        foreach (var op in operators)
        {
            skills.Add(op switch
            {
                '+' => Addition,
                '-' => Subtraction,
                '/' => Division,
                _ => Multiplication,
            });
        }
        if (expression is not null && ContainsNegation(expression.Root))
        {
            skills.Add(Subtraction);
        }

        var lower = sentence.ToLowerInvariant();
        var operands = expression?.Operands ?? [];
        if (operands.Append(step.Result).Any(v => v != decimal.Truncate(v)))
        {
            skills.Add(Decimals);
        }
        if ((expression is not null && UsesFractionAsNumber(expression.Root)) || FractionWords().IsMatch(lower))
        {
            skills.Add(Fractions);
        }
        if (step.ResultIsPercent || lower.Contains('%', StringComparison.Ordinal) || lower.Contains("percent", StringComparison.Ordinal)
            || (expression is not null && (HasPercentOperand(expression.Root) || DividesBy100(expression.Root))))
        {
            skills.Add(Percentages);
        }
        if (step.ResultIsMoney || lower.Contains('$', StringComparison.Ordinal) || MoneyWords().IsMatch(lower))
        {
            skills.Add(Money);
        }
        var multipliesOrDivides = operators.Contains('*') || operators.Contains('/');
        if (multipliesOrDivides && RateWords().IsMatch(lower))
        {
            skills.Add(Rates);
        }
        if (multipliesOrDivides && ConversionFactors.Any(c => operands.Contains(c.Factor)
                && c.Units.Count(u => lower.Contains(u, StringComparison.Ordinal)) >= c.WordsNeeded))
        {
            skills.Add(UnitConversion);
        }
        if (usesEarlierResult)
        {
            skills.Add(MultiStepReasoning);
        }
        if (expression is null && HasUnknown(step.Line))
        {
            skills.Add(Equations);
        }
        if (skills.Count == 0)
        {
            skills.Add(ReadingQuantities);
        }
        return skills.ToList();
    }

    // "x = 7", "3c = 21", "2b - 5": a letter standing for a number next to "=" or an operator.
    private static bool HasUnknown(string line)
    {
        var tokens = MathText.Tokenize(line);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var isUnknown = token.Kind == MathTokenKind.Word
                && ((token.Text.Length == 1 && token.Text is not ("a" or "A" or "I")) || char.IsAsciiDigit(token.Text[0]));
            var besideMath = (i > 0 && tokens[i - 1].Kind is MathTokenKind.EqualsSign or MathTokenKind.Operator)
                || (i + 1 < tokens.Count && tokens[i + 1].Kind is MathTokenKind.EqualsSign or MathTokenKind.Operator);
            if (isUnknown && besideMath)
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContainsNegation(ExpressionNode node) => node switch
    {
        NegationNode => true,
        BinaryNode binary => ContainsNegation(binary.Left) || ContainsNegation(binary.Right),
        _ => false,
    };

    // "3/4 * 600": a proper fraction that is itself a number in a bigger calculation (not "48/2", a plain division).
    private static bool UsesFractionAsNumber(ExpressionNode root) => root is BinaryNode binary
        && (IsProperFraction(binary.Left) || IsProperFraction(binary.Right)
            || UsesFractionAsNumber(binary.Left) || UsesFractionAsNumber(binary.Right));

    private static bool IsProperFraction(ExpressionNode node) =>
        node is BinaryNode { Operator: '/', Left: NumberNode numerator, Right: NumberNode denominator }
        && numerator.Value == decimal.Truncate(numerator.Value) && denominator.Value == decimal.Truncate(denominator.Value)
        && numerator.Value > 0 && numerator.Value < denominator.Value && denominator.Value != 100;

    private static bool HasPercentOperand(ExpressionNode node) => node switch
    {
        NumberNode number => number.IsPercent,
        NegationNode negation => HasPercentOperand(negation.Operand),
        BinaryNode binary => HasPercentOperand(binary.Left) || HasPercentOperand(binary.Right),
        _ => false,
    };

    private static bool DividesBy100(ExpressionNode node) => node switch
    {
        BinaryNode { Operator: '/', Right: NumberNode { Value: 100m } } => true,
        BinaryNode binary => DividesBy100(binary.Left) || DividesBy100(binary.Right),
        NegationNode negation => DividesBy100(negation.Operand),
        _ => false,
    };

    [GeneratedRegex(@"\b(half|halves|third|thirds|quarter|fourth|fourths|fifth|fifths|sixth|eighth|tenth|fraction)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FractionWords();

    [GeneratedRegex(@"\b(dollars?|cents?|price|cost|costs|paid|pay|pays|earn|earns|earned|spend|spends|spent|salary|wage|profit|discount|tax|tip)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyWords();

    [GeneratedRegex(@"\bper\b|/(hour|hr|day|week|month|year|minute|min|second|mile|gallon|pound|lb|kg|item|ticket|person|box|bag)\b|\bmph\b|\bkm/h\b|\b(an?|each|every) (hour|minute|day|week|month|year|second)\b|\bspeed\b|\brate\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex RateWords();
}
