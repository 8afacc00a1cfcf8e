namespace TutorApp.Domain.Content.Import;

/// <summary>
/// The closed word classes that <see cref="StepPromptWriter"/>'s sentence shapes are written in terms of: determiners,
/// pronouns, words that open a clause or a lead-in, the words that end a unit. Verbs live in <see cref="EnglishVerbs"/>,
/// nouns (plurals, mass nouns, units) in <see cref="EnglishNouns"/>; this file holds no rule, only words.
/// </summary>
internal static class EnglishWords
{
    public static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "we", "i", "you", "it" };

    public static readonly HashSet<string> PluralPronouns = new(StringComparer.OrdinalIgnoreCase) { "they", "we", "you", "i" };

    public static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "each", "every", "this", "that", "these", "those",
        "both", "all", "some", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "another",
    };

    // Words that open a clause: a subject or an object containing one is not a simple phrase.
    public static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "when", "if", "because", "after", "before", "while", "that", "which", "who", "so", "and", "but", "since", "until",
        "as", "where", "then", "than", "thus", "therefore", "hence", "is", "are", "was", "were", "by", "or",
    };

    // A kept lead-in ("If each home requires 10 panels, ...") starts with one of these.
    public static readonly HashSet<string> LeadWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "when", "whenever", "after", "before", "since", "once", "while", "given", "at", "in", "on", "for", "with",
        "without", "during", "from", "over", "by", "tomorrow", "today", "yesterday", "tonight", "last", "next", "this",
        "each", "every", "altogether", "overall", "together", "including", "now", "within", "throughout", "until",
    };

    // A lead-in that starts with one of these ends where the subject of the main clause starts ("In 5 days he does").
    public static readonly HashSet<string> SubordinateStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "when", "after", "before", "since", "once", "while", "in", "on", "at", "for", "with", "during", "from", "over", "by",
        "given", "without", "within", "throughout", "until",
    };

    public static readonly HashSet<string> TimeAdverbs = new(StringComparer.OrdinalIgnoreCase) { "tomorrow", "today", "yesterday", "tonight" };

    public static readonly string[][] LeadingConnectives =
    [
        ["that", "means", "that"], ["this", "means", "that"], ["which", "means", "that"], ["that", "means"], ["this", "means"],
        ["which", "means"], ["it", "means"], ["so"], ["thus"], ["hence"], ["therefore"], ["then"], ["now"], ["finally"], ["first"],
        ["second"], ["next"], ["also"], ["and"], ["overall"], ["only"], ["lastly"], ["altogether"], ["consequently"], ["in", "total"],
        ["in", "all"],
    ];

    // Words that end the unit after a result: "24 clips | in May", "82 pages | left to read".
    public static readonly HashSet<string> UnitStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "at", "for", "per", "a", "an", "each", "every", "than", "from", "to", "over", "during", "since", "after",
        "before", "by", "with", "altogether", "total", "this", "that", "which", "who", "because", "so", "and", "then", "if",
        "when", "while", "all", "the", "into", "out", "off", "up", "down", "more", "less", "fewer", "left", "remaining",
        "or", "as", "but", "now", "still", "instead", "together", "overall", "too", "also", "only", "respectively", "away", "right",
        "back", "home", "apart", "again", "already", "yet", "either",
    };

    public static readonly char[] SentencePunctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', ')', '”'];

    public static readonly HashSet<string> VerbObjectStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "his", "her", "their", "its", "in", "on", "at", "for", "to", "with", "from", "by", "each", "every", "per",
    };

    // "27 years old" asks "How old"; "5 feet taller" asks "How much taller".
    public static readonly HashSet<string> Adjectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "old", "tall", "long", "high", "wide", "deep", "far", "heavy", "thick", "older", "younger", "taller", "longer", "higher",
        "faster", "slower", "cheaper", "shorter", "heavier", "lighter", "bigger", "smaller", "larger", "wider", "deeper", "farther",
        "further", "later", "earlier", "thicker",
    };

    public static readonly HashSet<string> ImperativeVerbs = new(StringComparer.OrdinalIgnoreCase) { "find", "calculate", "determine", "compute" };

    // Adverbs between an auxiliary and its verb that a question can do without: "will only cost" -> "will ... cost".
    public static readonly HashSet<string> DroppableAdverbs = new(StringComparer.OrdinalIgnoreCase) { "only", "just", "also", "actually", "really" };

    // Capitalised only because they open the sentence: "Twice their earnings is" -> "What is twice their earnings?".
    private static readonly HashSet<string> CommonOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "twice", "thrice", "half", "double", "triple", "four", "five", "six", "seven", "eight", "nine", "ten", "total", "sum",
        "difference", "cost", "price", "profit", "answer", "result", "amount", "number", "there", "week", "day", "month", "year",
    };

    // Abbreviations whose point does not end a sentence ("How much did Mr. Zubir pay?").
    public static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "mt", "vs", "etc", "approx", "no",
    };

    public static bool IsPossessive(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith('\'') || word.EndsWith("’s", StringComparison.Ordinal);

    /// <summary>A word that is written with a capital only at the start of a sentence (not a name).</summary>
    public static bool IsCommonWord(string word)
    {
        // "Half-full box": a compound is common when its first part is.
        var first = word.Split('-')[0];
        return Determiners.Contains(first) || Pronouns.Contains(first) || CommonOpeners.Contains(first) || LeadWords.Contains(first);
    }
}
