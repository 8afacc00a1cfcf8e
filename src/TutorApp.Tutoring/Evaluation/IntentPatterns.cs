using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// Phrases that say what a message wants, rather than what it answers. Every pattern has a match timeout: the message is
/// untrusted, and a timeout counts as "no match" rather than an error.
/// </summary>
internal static partial class IntentPatterns
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = 200;

    /// <summary>Attempts to get the answer by changing the tutor's role or instructions, or by asking for the final answer outright.</summary>
    public static bool IsRevealAttempt(string text) => Matches(RevealAttempt(), text);

    public static bool IsAskingForAnswer(string text) => Matches(AskingForAnswer(), text);

    public static bool IsAskingForHint(string text) => Matches(AskingForHint(), text);

    public static bool IsDontKnow(string text) => Matches(DontKnow(), text);

    /// <summary>The whole message is a greeting, thanks or a bare acknowledgement.</summary>
    public static bool IsGreeting(string text) => Matches(Greeting(), text);

    /// <summary>Words that describe working: operations, structure, explanation.</summary>
    public static bool HasReasoningWords(string text) => Matches(ReasoningWords(), text);

    /// <summary>The message presents its number as the answer to the whole problem ("my final answer is 12", "#### 12").</summary>
    public static bool ClaimsWholeAnswer(string text) => Matches(WholeAnswer(), text);

    /// <summary>A question about a word ("what does altogether mean?"); the word, or null.</summary>
    public static string? VocabularyTerm(string text)
    {
        try
        {
            var match = Vocabulary().Match(text);
            return match.Success ? match.Groups["term"].Value.Trim().Trim('"', '\'', '“', '”').ToLowerInvariant() : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>The text counts in thousands or millions ("how many million did it make?").</summary>
    public static bool NamesScale(string text) =>
        text.Contains("million", StringComparison.OrdinalIgnoreCase) || text.Contains("thousand", StringComparison.OrdinalIgnoreCase)
        || text.Contains("billion", StringComparison.OrdinalIgnoreCase);

    /// <summary>A "why" question about the working ("why do I have to subtract 4?").</summary>
    public static bool IsWhyQuestion(string text) => Matches(Why(), text);

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    [GeneratedRegex("""
        \bfinal\s+answer\b|\banswer\s+to\s+(the|this)\s+(whole\s+)?(problem|question|word\s+problem)\b|\#\#\#\#
        |\b(the|my)\s+answer\s+(is|=|would\s+be|will\s+be|should\s+be|must\s+be)\b|\banswer\s*[:=]
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex WholeAnswer();

    [GeneratedRegex("""
        ^\W*(what\s+(does|do)\s+(the\s+word\s+)?(?<term>["'“]?[a-z][a-z\s'-]{0,30}?["'”]?)\s+mean
        |what('s|\s+is)\s+(the\s+meaning\s+of|meant\s+by)\s+(?<term>["'“]?[a-z][a-z\s'-]{0,30}?["'”]?)
        |what\s+do\s+you\s+mean\s+by\s+(?<term>["'“]?[a-z][a-z\s'-]{0,30}?["'”]?)
        |what('s|\s+is)\s+(an?\s+)?(?<term>(sum|product|quotient|difference|remainder|total|average|mean|profit|discount|interest|rate|percent|percentage|fraction|ratio|perimeter|area|volume|dozen|score|denominator|numerator)))
        \W*\??\W*$
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex Vocabulary();

    [GeneratedRegex("""
        ^\W*(but\s+|and\s+|ok\s+|so\s+)?why\b[^?]{0,120}\?*\W*$|\bhow\s+come\b[^?]{0,120}\?|\bwhy\s+(do|did|should|would|must|can't|cant|are|is)\s+(i|we|you)\b
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex Why();

    [GeneratedRegex("""
        \b(ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,60}\b(instructions?|rules?|prompts?|guidelines|constraints|directions|programming|system|everything|all\s+that|above|previous)\b
        |\b(system|developer|admin|debug|god)\s*(prompt|mode|message|instructions?|override)\b
        |\b(you\s+are\s+now|you're\s+now|from\s+now\s+on,?\s+you|act\s+as|acting\s+as|pretend|role-?play|simulate|jailbreak|dan\s+mode)\b
        |\b(reveal|print|output|display|repeat|say|state|write|spell\s+out|leak|dump)\s+(me\s+|us\s+)?(the|your|its)\s+(final\s+|correct\s+|right\s+|real\s+|full\s+|whole\s+)?(answers?|solutions?|results?)\b
        |\bwhat('s|\s+is|\s+was|s)\s+the\s+(final|correct|right|real|actual|true|exact)\s+(answer|solution|result|number)\b
        |\b(as|like)\s+(the|a|my)\s+teacher\b|\b(i'm|i\s+am)\s+(the|your|a)\s+teacher\b|\bteacher\s+mode\b
        |\banswer\s+key\b|\bnew\s+instructions?\b|<\|?\s*(system|im_start)|\[/?inst\]|\#\#\#\s*(instruction|system)
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex RevealAttempt();

    [GeneratedRegex("""
        \b(tell|give|show|send|provide)\s+(me|us)\s+((the|your|an?)\s+)?(final\s+|correct\s+|right\s+)?(answer|solution|result)s?\b
        |\bjust\s+(tell|give|show)\s+me\b
        |\bwhat('s|\s+is|s)\s+the\s+(answer|solution)\b
        |\b(solve|do|finish|work\s+out)\s+(it|this|that|the\s+problem|the\s+question)\s+for\s+me\b
        |\bi\s+(just\s+)?(want|need)\s+(the|an)\s+(answer|solution)\b
        |\b(answer|solution)\s+please\b
        |\bcan('t)?\s+you\s+(just\s+)?(tell|give|show)\s+(me\s+)?(the\s+)?(answer|solution)\b
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex AskingForAnswer();

    [GeneratedRegex("""
        \bhints?\b|\bclues?\b|\bhelp\b|\bnudge\b
        |\bhow\s+(do|should|can|would)\s+i\s+(start|begin|do|solve|find|work|figure|get)\b
        |\bwhere\s+(do|should)\s+i\s+(start|begin)\b|\bwhat\s+(should|do)\s+i\s+do\b
        |\bwhat('s|\s+is)\s+the\s+next\s+step\b|\bwhat\s+next\b|\bexplain\b
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex AskingForHint();

    [GeneratedRegex("""
        \b(do\s*n[o']?t|dont|didn'?t|did\s+not)\s+(really\s+)?(know|understand|get\s+it|get\s+this|get\s+that|have\s+a\s+clue|remember)\b
        |\bidk\b|\bdunno\b|\bidek\b|\bno\s+(idea|clue)\b|\bnot\s+(sure|a\s+clue)\b|\bhave\s+no\s+(idea|clue)\b
        |\b(stuck|lost|confused|clueless)\b|\bi\s+give\s+up\b|\bbeats\s+me\b|\bwho\s+knows\b
        |\bi\s+(can'?t|cannot)\s+(do|figure|solve|work|get)\b
        |^\W*\?+\W*$|^\W*(um+|hm+|uh+|erm+|eh)\W*$
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex DontKnow();

    [GeneratedRegex("""
        ^\W*(hi|hello|hey|hiya|howdy|yo|good\s+(morning|afternoon|evening|day)|greetings|thanks|thank\s+you|thx|ty|cheers
        |ok|okay|k|cool|great|nice|alright|bye|goodbye|see\s+you)\b[\s\w,!.'?]{0,25}$
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex Greeting();

    [GeneratedRegex("""
        \b(multiply|multiplied|multiplying|multiplication|times|divide|divided|dividing|division|share|shared|sharing|split
        |add|added|adding|addition|plus|sum|total|subtract|subtracted|subtracting|minus|take\s+away|difference|each|per
        |because|first|fraction|remainder|left\s+over|leftover|twice|double|product|quotient|equals?|altogether|groups?\s+of)\b
        """, Options | RegexOptions.IgnorePatternWhitespace, TimeoutMs)]
    private static partial Regex ReasoningWords();
}
