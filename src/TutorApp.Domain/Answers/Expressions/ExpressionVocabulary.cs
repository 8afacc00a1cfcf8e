namespace TutorApp.Domain.Answers.Expressions;

/// <summary>
/// The names an expression may use: the spec's variables, the built-in functions and constants.
/// Letters written side by side ("xy", "2ab") are split into these names, so the tokenizer needs them before it starts.
/// </summary>
internal sealed class ExpressionVocabulary
{
    private static readonly Dictionary<string, MathFunction> _functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqrt"] = MathFunction.SquareRoot,
        ["abs"] = MathFunction.AbsoluteValue,
    };

    private static readonly Dictionary<string, double> _constants = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pi"] = Math.PI,
        ["π"] = Math.PI,
    };

    private readonly Dictionary<string, string> _canonicalVariables;

    /// <param name="variables">The spec's variable names; names that are not plain words are ignored (Validate reports them).</param>
    /// <param name="unknownWordsAreNames">
    /// True for the author's expression, where a word that is not all known names ("rate", "xz") is an unlisted variable,
    /// reported whole; false for student input, where a stray letter is a wrong variable but a word with no known name in it
    /// is most likely prose ("idk", "none") and the input is not understood.
    /// </param>
    public ExpressionVocabulary(IEnumerable<string?> variables, bool unknownWordsAreNames)
    {
        var usable = variables.OfType<string>().Where(IsName).Distinct(StringComparer.Ordinal).ToList();

        // Students often type X for x; accept any capitalisation unless the author uses case to tell variables apart.
        var caseMatters = usable.Distinct(StringComparer.OrdinalIgnoreCase).Count() < usable.Count;
        _canonicalVariables = new Dictionary<string, string>(caseMatters ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
        foreach (var name in usable)
        {
            _canonicalVariables.TryAdd(name, name);
        }
        UnknownWordsAreNames = unknownWordsAreNames;
        LongestName = _canonicalVariables.Keys.Concat(_functions.Keys).Concat(_constants.Keys).Max(name => name.Length);
    }

    public bool UnknownWordsAreNames { get; }

    public int LongestName { get; }

    /// <summary>Variable names are words: one or more letters (x, r, rate, θ). Digits would make "x2" ambiguous.</summary>
    public static bool IsName(string? text) => !string.IsNullOrEmpty(text) && text.All(char.IsLetter);

    public static bool IsBuiltIn(string name) => _functions.ContainsKey(name) || _constants.ContainsKey(name);

    /// <returns>The variable as the spec spells it, or null when <paramref name="spelling"/> is not one of the variables.</returns>
    public string? Variable(string spelling) => _canonicalVariables.GetValueOrDefault(spelling);

    public bool IsVariable(string spelling) => _canonicalVariables.ContainsKey(spelling);

    public static bool TryFunction(string spelling, out MathFunction function) => _functions.TryGetValue(spelling, out function);

    public static bool TryConstant(string spelling, out double value) => _constants.TryGetValue(spelling, out value);
}
