using System.Text.RegularExpressions;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// Turns the sentence of a worked solution that holds a calculation into the question the step answers:
/// "Natalia sold 48/2 = 24 clips in May." becomes "How many clips did Natalia sell in May?". Only a few sentence
/// shapes are understood (subject + verb, "there are", "X is", "find X:", a number as subject); anything else gets a
/// fill-in-the-blank or a generic question. The wording is deterministic, and never shows the step's result.
/// </summary>
internal static partial class StepPromptWriter
{
    public const string GenericPrompt = "What value does this step of the solution work out?";

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "we", "i", "you", "it" };

    private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "each", "every", "this", "that", "these", "those",
        "both", "all", "some", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "another",
    };

    // Words that open a clause: a subject or an object containing one is not a simple phrase.
    private static readonly HashSet<string> ClauseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "when", "if", "because", "after", "before", "while", "that", "which", "who", "so", "and", "but", "since", "until",
        "as", "where", "then", "than", "thus", "therefore", "hence", "is", "are", "was", "were", "by", "or",
    };

    // A kept lead-in ("If each home requires 10 panels, ...") starts with one of these.
    private static readonly HashSet<string> LeadWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "when", "whenever", "after", "before", "since", "once", "while", "given", "at", "in", "on", "for", "with",
        "without", "during", "from", "over", "by", "tomorrow", "today", "yesterday", "tonight", "last", "next", "this",
        "each", "every", "altogether", "overall", "together", "including", "now",
    };

    private static readonly HashSet<string> SubordinateStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "if", "when", "after", "before", "since", "once", "while", "in", "on", "at", "for", "with", "during", "from", "over", "by",
        "given", "without",
    };

    private static readonly HashSet<string> TimeAdverbs = new(StringComparer.OrdinalIgnoreCase) { "tomorrow", "today", "yesterday", "tonight" };

    private static readonly string[][] LeadingConnectives =
    [
        ["that", "means", "that"], ["this", "means", "that"], ["which", "means", "that"], ["that", "means"], ["this", "means"],
        ["which", "means"], ["so"], ["thus"], ["hence"], ["therefore"], ["then"], ["now"], ["finally"], ["first"], ["second"],
        ["next"], ["also"], ["and"], ["overall"], ["only"], ["lastly"], ["altogether"], ["consequently"], ["in", "total"], ["in", "all"],
    ];

    // Words that end the unit after a result: "24 clips | in May", "82 pages | left to read".
    private static readonly HashSet<string> UnitStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "in", "on", "at", "for", "per", "a", "an", "each", "every", "than", "from", "to", "over", "during", "since", "after",
        "before", "by", "with", "altogether", "total", "this", "that", "which", "who", "because", "so", "and", "then", "if",
        "when", "while", "all", "the", "into", "out", "off", "up", "down", "more", "less", "fewer", "left", "remaining",
        "or", "as", "but", "now", "still", "instead", "together", "overall", "too", "also", "only", "respectively",
    };

    private static readonly char[] SentencePunctuation = ['.', ',', ';', ':', '!', '?', '"', '\'', ')', '”'];

    private static readonly HashSet<string> VerbObjectStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "his", "her", "their", "its", "in", "on", "at", "for", "to", "with", "from", "by", "each", "every", "per",
    };

    private static readonly HashSet<string> Adjectives = new(StringComparer.OrdinalIgnoreCase)
    {
        "old", "tall", "long", "high", "wide", "deep", "far", "heavy", "thick", "older", "younger", "taller", "longer", "higher",
    };

    private static readonly HashSet<string> ImperativeVerbs = new(StringComparer.OrdinalIgnoreCase) { "find", "calculate", "determine", "compute" };

    /// <param name="lineSteps">Every calculation of the same solution line (bounds the clause of each).</param>
    /// <param name="revealsResult">True when a text shows the step's result; such a wording is not used.</param>
    /// <param name="problemQuestion">For the step that gives the final answer: the question the problem asks.</param>
    public static string Write(SolutionCalculation step, IReadOnlyList<SolutionCalculation> lineSteps, Func<string, bool> revealsResult,
        string? problemQuestion = null)
    {
        var (prefix, suffix) = Surroundings(step, lineSteps);
        string?[] candidates =
        [
            AskForQuantity(prefix, suffix, step),
            problemQuestion,
            FillInTheBlank(prefix, suffix),
            step.Expression is null ? null : $"What is the result of this step: {step.Expression.Display()}?",
        ];
        return candidates.FirstOrDefault(c => c is not null && !revealsResult(c)) ?? GenericPrompt;
    }

    /// <summary>The last question of a problem statement ("How many clips did Natalia sell altogether?"), if it has one.</summary>
    public static string? QuestionOf(string statement)
    {
        var end = statement.LastIndexOf('?');
        if (end < 0)
        {
            return null;
        }
        var start = SentenceEnd().Matches(statement[..end]).LastOrDefault() is { } previous ? previous.Index + 1 : 0;
        var question = CollapseSpaces(statement[start..(end + 1)].Trim());
        return question.Split(' ').Length >= 3 ? question : null;
    }

    /// <summary>The clause around a calculation: the text before it and after its result, within one sentence.</summary>
    public static (string Prefix, string Suffix) Surroundings(SolutionCalculation step, IReadOnlyList<SolutionCalculation> lineSteps)
    {
        var line = step.Line;
        var start = 0;
        foreach (Match end in SentenceEnd().Matches(line))
        {
            if (end.Index + end.Length <= step.CalculationStart)
            {
                start = end.Index + end.Length;
            }
        }
        var stop = line.Length;
        var next = SentenceEnd().Match(line, step.ResultEnd);
        if (next.Success)
        {
            stop = next.Index;
        }
        foreach (var other in lineSteps)
        {
            if (other.ResultEnd <= step.CalculationStart && other.ResultEnd > start)
            {
                start = other.ResultEnd;
            }
            if (other.CalculationStart >= step.ResultEnd && other.CalculationStart < stop && !ReferenceEquals(other, step))
            {
                stop = other.CalculationStart;
            }
        }
        return (line[start..step.CalculationStart].Trim(), line[step.ResultEnd..Math.Max(stop, step.ResultEnd)].Trim());
    }

    private static string? FillInTheBlank(string prefix, string suffix)
    {
        var sentence = $"{prefix} ___ {suffix}".Trim().TrimEnd('.', ',', ';', ':');
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words < 4 ? null : $"Fill in the blank: \"{sentence}.\"";
    }

    private static string? AskForQuantity(string prefix, string suffix, SolutionCalculation step)
    {
        var (unit, rest) = ReadUnit(suffix);
        var core = prefix.Replace("’", "'", StringComparison.Ordinal);
        // "the rancher will have 200 + 200/2 =": the start of a chained calculation is not part of the wording.
        var chained = TrailingCalculation().Match(core);
        if (chained.Success && chained.Value.Any(char.IsAsciiDigit) && chained.Value.Any(c => c is '+' or '-' or '*' or '/' or '×' or '÷'))
        {
            core = core[..chained.Index].TrimEnd();
        }
        var isLabel = false;
        if (core.EndsWith(':') || core.EndsWith('='))
        {
            isLabel = true;
            core = core[..^1].TrimEnd();
        }

        string? lead = null;
        // The space lets a connective at the very end ("... because") be found too.
        var splitter = ClauseSplitter().Matches(core + " ").LastOrDefault();
        var comma = core.LastIndexOf(", ", StringComparison.Ordinal);
        if (splitter is not null && splitter.Index >= comma && splitter.Index + splitter.Length >= core.Length
            && splitter.Value.Contains("because", StringComparison.OrdinalIgnoreCase) && suffix.Trim(SentencePunctuation).Length == 0)
        {
            // "He spent $2 on gumballs because 40 x .05 = 2": the clause before "because" states the result; ask for it.
            return AskAboutStatedResult(core[..splitter.Index], step);
        }
        if (splitter is not null && splitter.Index >= comma)
        {
            lead = KeptLead(core[..splitter.Index]);
            core = core[Math.Min(core.Length, splitter.Index + splitter.Length)..];
        }
        else if (comma >= 0)
        {
            lead = KeptLead(core[..comma]);
            core = core[(comma + 2)..];
        }

        var words = core.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(',', ';', '"')).Where(w => w.Length > 0).ToList();
        // "that's" is "that is", but "Betty's" stays a possessive: only a pronoun contracts.
        words = ExpandContractions(words);
        var saysInTotal = words.Count > 2 && words[0].Equals("in", StringComparison.OrdinalIgnoreCase) && words[1] is "total" or "all";
        StripLeadingConnectives(words);
        if (words.Count > 0 && TimeAdverbs.Contains(words[0]))
        {
            lead ??= words[0];
            words.RemoveAt(0);
        }
        // "In 5 days he does", "Every month she has": the lead-in ends where a pronoun subject starts.
        if (words.Count > 2 && (SubordinateStarts.Contains(words[0]) || words[0].ToLowerInvariant() is "every" or "each" or "this" or "last" or "next"))
        {
            var subjectAt = words.FindIndex(2, w => Pronouns.Contains(w));
            if (subjectAt > 0 && IsVerbAt(words, subjectAt + 1))
            {
                lead ??= Join(words.Take(subjectAt));
                words.RemoveRange(0, subjectAt);
            }
        }
        var (inTotal, more) = StripTrailingFillers(words);
        if (more)
        {
            unit = ["more", .. unit];
        }
        var tail = Join(inTotal || saysInTotal ? "in total" : "", rest);

        string? question;
        if (isLabel)
        {
            question = words.Count is > 0 and <= 6 && !ImperativeVerbs.Contains(words[0]) ? AskForLabel(words, unit, step) : AskToWorkOut(words);
        }
        else if (words.Count == 0)
        {
            question = AskWithNumberAsSubject(unit, rest, step);
        }
        else if (ImperativeVerbs.Contains(words[0]) || (words.Count > 1 && words[1] == "out" && words[0] is "figure" or "work"))
        {
            question = AskToWorkOut(words);
        }
        else if (words[0].Equals("there", StringComparison.OrdinalIgnoreCase) && words.Count > 1
            && (EnglishVerbs.IsCopula(words[1]) || (words[1] == "will" && words.Count > 2 && words[2] == "be")))
        {
            var verb = words[1] == "will" ? "will be" : words[1];
            var after = words.Skip(words[1] == "will" ? 3 : 2);
            question = Join(QuantityPhrase(unit, step, verbBase: null), verb, "there", Join(after), tail) + "?";
        }
        else if (ExistentialStart(words) is > 0 and var there && LeadWords.Contains(words[0]))
        {
            // "After Jim eats 15 there are 105 cookies left" -> "After Jim eats 15, how many cookies are there left?"
            lead = Join(words.Take(there));
            var verb = words[there + 1];
            question = Join(QuantityPhrase(unit, step, verbBase: null), verb, "there", Join(words.Skip(there + 2)), tail) + "?";
        }
        else if (words.Count >= 3 && EnglishVerbs.IsCopula(words[^1]) && (Determiners.Contains(words[0]) || IsPossessive(words[0])))
        {
            // "the number of homes that had panels installed is" -> "What is the number of homes that had panels installed?"
            var subject = LowerFirstIfCommon(words.Take(words.Count - 1).ToList());
            question = HasAdjective(unit)
                ? Join(QuantityPhrase(unit, step, null), words[^1].ToLowerInvariant(), subject, tail) + "?"
                : Join("What", words[^1].ToLowerInvariant(), subject, tail) + InUnit(unit, step, subject) + "?";
        }
        else
        {
            question = AskAboutSubject(words, unit, tail, step);
        }

        if (question is null)
        {
            return null;
        }
        if (lead is not null)
        {
            question = Capitalize(lead.Trim()) + ", " + char.ToLowerInvariant(question[0]) + question[1..];
        }
        return Capitalize(CollapseSpaces(question));
    }

    private static string? AskAboutStatedResult(string clause, SolutionCalculation step)
    {
        var shown = MathText.Tokenize(clause).LastOrDefault(t => t.IsNumber && t.Value == step.Result);
        if (shown is null)
        {
            return null;
        }
        var restated = step with
        {
            Line = clause,
            CalculationStart = shown.Start,
            ResultStart = shown.Start,
            ResultEnd = shown.End,
            ResultIsMoney = step.ResultIsMoney || shown.IsMoney,
        };
        var (prefix, suffix) = Surroundings(restated, []);
        return AskForQuantity(prefix, suffix, restated);
    }

    private static int ExistentialStart(List<string> words)
    {
        for (var i = 1; i + 1 < words.Count; i++)
        {
            if (words[i].Equals("there", StringComparison.OrdinalIgnoreCase) && EnglishVerbs.IsCopula(words[i + 1]))
            {
                return i;
            }
        }
        return -1;
    }

    private static string? AskAboutSubject(List<string> words, IReadOnlyList<string> unit, string tail, SolutionCalculation step)
    {
        var subjectLength = ReadSubject(words);
        if (subjectLength <= 0 || subjectLength >= words.Count)
        {
            return null;
        }
        var subject = SubjectAfterVerb(words.Take(subjectLength).ToList());
        var verb = words[subjectLength];
        var after = words.Skip(subjectLength + 1).ToList();
        if (after.Any(w => ClauseWords.Contains(w)) || after.Count > 7)
        {
            return null;
        }
        var lowerVerb = verb.ToLowerInvariant();

        if (EnglishVerbs.IsModal(lowerVerb))
        {
            if (after.Count == 0)
            {
                return null;
            }
            // "Joel will be 27 years old" -> "How old will Joel be?"; "her gain will be $5" -> "What will her gain be?"
            var endsWithBe = after[^1] == "be" || after[^1] == "been";
            return endsWithBe && !HasAdjective(unit)
                ? Join("What", lowerVerb, subject, Join(after), tail) + InUnit(unit, step, subject) + "?"
                : Join(QuantityPhrase(unit, step, null), lowerVerb, subject, Join(after), tail) + "?";
        }
        if (EnglishVerbs.IsCopula(lowerVerb))
        {
            if (after.Count == 0)
            {
                if (subjectLength == 1 && words[0].ToLowerInvariant() is "that" or "this" or "it" or "which")
                {
                    return null;
                }
                return HasAdjective(unit)
                    ? Join(QuantityPhrase(unit, step, null), lowerVerb, subject, tail) + "?"
                    : Join("What", lowerVerb, subject, tail) + InUnit(unit, step, subject) + "?";
            }
            return Join(QuantityPhrase(unit, step, null), lowerVerb, subject, Join(after), tail) + "?";
        }
        if (lowerVerb is "has" or "have" or "had" && after.Count > 0 && EnglishVerbs.IsParticiple(after[0]))
        {
            return Join(QuantityPhrase(unit, step, null), lowerVerb, subject, Join(after), tail) + "?";
        }
        if (lowerVerb is "do" or "does" or "did" && after.Count > 0 && EnglishVerbs.Read(after[0]) is not null)
        {
            return Join(QuantityPhrase(unit, step, null), lowerVerb, subject, Join(after), tail) + "?";
        }

        var reading = EnglishVerbs.Read(lowerVerb);
        if (reading is null)
        {
            return null;
        }
        var auxiliary = reading.Form switch
        {
            VerbForm.Past => "did",
            VerbForm.ThirdPerson => "does",
            VerbForm.BaseOrPast => IsPlural(words.Take(subjectLength).ToList()) ? "do" : "did",
            _ => "do",
        };
        return Join(QuantityPhrase(unit, step, reading.Base), auxiliary, subject, reading.Base, Join(after), tail) + "?";
    }

    // "Thus, 15 children attended the party." -> "How many children attended the party?"
    private static string? AskWithNumberAsSubject(IReadOnlyList<string> unit, string rest, SolutionCalculation step)
    {
        var restWords = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (restWords.Length == 0)
        {
            return null;
        }
        var first = restWords[0].ToLowerInvariant();
        var startsWithVerb = EnglishVerbs.IsCopula(first) || EnglishVerbs.IsModal(first) || EnglishVerbs.Read(first) is not null;
        return startsWithVerb ? Join(QuantityPhrase(unit, step, null), rest) + "?" : null;
    }

    // "Total:" -> "What is the total?"; "x =" -> "What is the value of x?"
    private static string? AskForLabel(List<string> words, IReadOnlyList<string> unit, SolutionCalculation step)
    {
        // A label names a quantity; "the older friend is X =" or "it will take Cordelia H =" is a sentence, not a label.
        if (words.Any(w => EnglishVerbs.IsCopula(w) || EnglishVerbs.IsModal(w) || Pronouns.Contains(w) || ClauseWords.Contains(w)))
        {
            return null;
        }
        var label = Join(words);
        var inUnit = InUnit(unit, step, label);
        if (label.Any(c => char.IsAsciiDigit(c) || c is '+' or '-' or '*' or '/'))
        {
            return $"What is {label}{inUnit}?";
        }
        if (words.Count == 1 && words[0].Length == 1)
        {
            return $"What is the value of {label}{inUnit}?";
        }
        if (char.IsUpper(label[0]) && !Determiners.Contains(words[0]) && !IsCommonNoun(words[0]))
        {
            return $"What is the number for {label}{inUnit}?";
        }
        var lowered = LowerFirstIfCommon(words);
        return Determiners.Contains(words[0]) ? $"What is {lowered}{inUnit}?" : $"What is the {lowered}{inUnit}?";
    }

    // "First find the total number of games Bill has won:" -> "What is the total number of games Bill has won?"
    private static string? AskToWorkOut(List<string> words)
    {
        var verbLength = words.Count > 1 && words[1] == "out" ? 2 : 1;
        if (words.Count <= verbLength || !(ImperativeVerbs.Contains(words[0]) || verbLength == 2))
        {
            return null;
        }
        // The method ("by dividing ... by 2") would give away the strategy the tree asks about.
        var sought = words.Skip(verbLength).TakeWhile(w => w is not ("by" or "using")).ToList();
        if (sought.Count == 0)
        {
            return null;
        }
        return Determiners.Contains(sought[0]) && sought[0] is not ("this" or "that")
            ? $"What is {Join(sought)}?"
            : $"Work out {Join(sought)}.";
    }

    private static int ReadSubject(List<string> words)
    {
        if (words.Count < 2)
        {
            return 0;
        }
        if (Pronouns.Contains(words[0]) || (words[0] is "this" or "that" or "which" && IsVerbAt(words, 1)))
        {
            return 1;
        }
        var first = words[0];
        // A subject that starts with a number ("237 pens were split ...") is given data, not the quantity sought.
        var isNounPhraseStart = Determiners.Contains(first) || char.IsUpper(first[0]) || IsPossessive(first);
        if (!isNounPhraseStart)
        {
            return 0;
        }
        // After a determiner or a possessive, the next word belongs to the noun phrase ("The plants need").
        var i = Determiners.Contains(first) || IsPossessive(first) ? 2 : 1;
        while (i < words.Count && i <= 8)
        {
            if (IsVerbAt(words, i))
            {
                return i;
            }
            if (ClauseWords.Contains(words[i]))
            {
                return 0;
            }
            i++;
        }
        return 0;
    }

    private static bool IsVerbAt(List<string> words, int index)
    {
        if (index >= words.Count)
        {
            return false;
        }
        var word = words[index].ToLowerInvariant();
        if (EnglishVerbs.IsCopula(word) || EnglishVerbs.IsModal(word))
        {
            return true;
        }
        var reading = EnglishVerbs.Read(word);
        if (reading is null)
        {
            return false;
        }
        if (word is "has" or "have" or "had" or "do" or "does" or "did")
        {
            return true;
        }
        // "The bike store sells": "store" is a noun when a conjugated verb follows.
        var next = index + 1 < words.Count ? EnglishVerbs.Read(words[index + 1]) : null;
        if (reading.Form is VerbForm.Base or VerbForm.BaseOrPast && next?.Form is VerbForm.ThirdPerson or VerbForm.Past)
        {
            return false;
        }
        // "her total gain will be", "the volume of water in": a bare verb form needs a plural subject, else it is a noun.
        var previous = words[index - 1].ToLowerInvariant();
        return reading.Form != VerbForm.Base || previous is "they" or "we" or "you" or "i"
            || (previous.EndsWith('s') && !previous.EndsWith("ss", StringComparison.Ordinal) && !IsPossessive(previous));
    }

    private static (IReadOnlyList<string> Unit, string Remainder) ReadUnit(string suffix)
    {
        var words = suffix.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var unit = new List<string>();
        var i = 0;
        while (i < words.Length && unit.Count < 4)
        {
            var word = words[i].TrimEnd(SentencePunctuation);
            var endsPhrase = word.Length != words[i].Length;
            if (word.Length == 0 || !word.All(c => char.IsLetter(c) || c is '-' or '\'' or '/'))
            {
                break;
            }
            var lower = word.ToLowerInvariant();
            // "pieces of stationery", "kilograms of dog food": "of" continues the unit.
            if (lower == "of" && unit.Count > 0 && i + 1 < words.Length && !UnitStopWords.Contains(words[i + 1]))
            {
                unit.Add(word);
                i++;
                continue;
            }
            var isMoreWord = unit.Count == 0 && lower is "more" or "less" or "fewer";
            var next = i + 1 < words.Length ? words[i + 1].ToLowerInvariant() : "";
            // "children | attended the party", "people | eating the pizza"; but "pumpkin slices" is all unit.
            var startsVerbPhrase = unit.Count > 0
                && (EnglishVerbs.Read(lower)?.Form == VerbForm.Past
                    || ((EnglishVerbs.Read(lower)?.Form == VerbForm.ThirdPerson || (lower.EndsWith("ing", StringComparison.Ordinal) && lower.Length > 4))
                        && VerbObjectStarts.Contains(next)));
            if (!isMoreWord && (UnitStopWords.Contains(lower) || lower == "of" || EnglishVerbs.IsCopula(lower) || EnglishVerbs.IsModal(lower)
                || startsVerbPhrase))
            {
                break;
            }
            unit.Add(word);
            i++;
            if (endsPhrase)
            {
                break;
            }
        }
        var rest = string.Join(' ', words.Skip(i)).Trim().TrimEnd(SentencePunctuation);
        return (unit, rest);
    }

    private static string QuantityPhrase(IReadOnlyList<string> unit, SolutionCalculation step, string? verbBase)
    {
        var adjective = unit.Count > 0 && Adjectives.Contains(unit[^1]) ? unit[^1].ToLowerInvariant() : null;
        if (adjective is not null)
        {
            // "How old", but "How much older".
            return adjective.EndsWith("er", StringComparison.Ordinal) ? "How much " + adjective : "How " + adjective;
        }
        if (step.ResultIsPercent)
        {
            return "What percentage";
        }
        var words = unit.ToList();
        var more = words.Count > 0 && words[0].ToLowerInvariant() is "more" or "less" or "fewer" ? words[0].ToLowerInvariant() : null;
        if (more is not null)
        {
            words.RemoveAt(0);
        }
        if (words.Count > 0 && words[0].ToLowerInvariant() is "cents" or "euros" or "pounds" or "quarters" or "dimes" or "nickels")
        {
            return Join("How many", more, Join(words));
        }
        if (step.ResultIsMoney && (words.Count == 0 || words[0].ToLowerInvariant() is "dollars" or "dollar"))
        {
            var howMuch = Join("How much", more == "fewer" ? "less" : more);
            return verbBase is "cost" ? howMuch : Join(howMuch, "money");
        }
        return step.ResultIsMoney && words.Count > 0 ? Join("How much", more, Join(words)) : Join("How many", more, Join(words));
    }

    // ", in gallons" after "What is the final volume of water in the tank" (not when the phrase names the unit already).
    private static string InUnit(IReadOnlyList<string> unit, SolutionCalculation step, string subject)
    {
        if (unit.Count == 0 || step.ResultIsMoney || step.ResultIsPercent
            || subject.Contains(unit[^1], StringComparison.OrdinalIgnoreCase)
            || unit[0].ToLowerInvariant() is "more" or "less" or "fewer")
        {
            return "";
        }
        return ", in " + Join(unit);
    }

    private static bool HasAdjective(IReadOnlyList<string> unit) => unit.Count > 0 && Adjectives.Contains(unit[^1]);

    private static string? KeptLead(string lead)
    {
        var trimmed = lead.Trim().TrimEnd(',');
        var first = trimmed.Split(' ', 2)[0];
        return trimmed.Length > 0 && LeadWords.Contains(first) && !ClauseSplitter().IsMatch(trimmed) ? trimmed : null;
    }

    private static List<string> ExpandContractions(List<string> words)
    {
        var expanded = new List<string>();
        foreach (var word in words)
        {
            var lower = word.ToLowerInvariant();
            if (lower is "that's" or "it's" or "this's" or "there's" or "he's" or "she's" or "what's")
            {
                expanded.Add(word[..^2]);
                expanded.Add("is");
            }
            else if (lower is "they're" or "we're" or "you're")
            {
                expanded.Add(word[..^3]);
                expanded.Add("are");
            }
            else
            {
                expanded.Add(word);
            }
        }
        return expanded;
    }

    private static void StripLeadingConnectives(List<string> words)
    {
        var stripped = true;
        while (stripped && words.Count > 0)
        {
            stripped = false;
            foreach (var connective in LeadingConnectives)
            {
                if (words.Count >= connective.Length
                    && connective.Select((w, i) => words[i].Equals(w, StringComparison.OrdinalIgnoreCase)).All(same => same))
                {
                    words.RemoveRange(0, connective.Length);
                    stripped = true;
                    break;
                }
            }
        }
    }

    private static (bool InTotal, bool More) StripTrailingFillers(List<string> words)
    {
        var inTotal = false;
        var more = false;
        var stripped = true;
        while (stripped && words.Count > 0)
        {
            stripped = false;
            var last = words[^1].ToLowerInvariant();
            var lastTwo = words.Count >= 2 ? words[^2].ToLowerInvariant() + " " + last : "";
            var lastThree = words.Count >= 3 ? words[^3].ToLowerInvariant() + " " + lastTwo : "";
            if (lastThree is "a total of" or "the total of" or "for a total of" or "in total of")
            {
                words.RemoveRange(words.Count - 3, 3);
                inTotal = stripped = true;
            }
            else if (lastTwo is "total of" or "in total" or "in all")
            {
                words.RemoveRange(words.Count - 2, 2);
                inTotal = stripped = true;
            }
            else if (lastTwo is "an additional" or "an extra" or "at least" or "at most")
            {
                more |= lastTwo is "an additional" or "an extra";
                words.RemoveRange(words.Count - 2, 2);
                stripped = true;
            }
            else if (last is "another" or "additional" or "extra")
            {
                words.RemoveAt(words.Count - 1);
                more = stripped = true;
            }
            else if (last is "altogether" or "together")
            {
                words.RemoveAt(words.Count - 1);
                inTotal = stripped = true;
            }
            else if (last is "a" or "an" or "the" or "about" or "only" or "exactly" or "approximately" or "around" or "just" or "=")
            {
                words.RemoveAt(words.Count - 1);
                stripped = true;
            }
        }
        return (inTotal, more);
    }

    // In "did Natalia sell" a name keeps its capital, "The first lady" becomes "the first lady".
    private static string SubjectAfterVerb(List<string> subject) => LowerFirstIfCommon(subject);

    private static string LowerFirstIfCommon(IReadOnlyList<string> words)
    {
        var first = words[0];
        var lowered = first != "I" && (Determiners.Contains(first) || Pronouns.Contains(first) || IsCommonNoun(first))
            ? first.ToLowerInvariant()
            : first;
        return Join(words.Skip(1).Prepend(lowered));
    }

    private static bool IsCommonNoun(string word) =>
        word.ToLowerInvariant() is "total" or "sum" or "difference" or "cost" or "price" or "profit" or "answer" or "result"
            or "amount" or "number" or "there" or "week" or "day" or "month" or "year";

    private static bool IsPossessive(string word) =>
        word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith('\'') || word.EndsWith("’s", StringComparison.Ordinal);

    private static bool IsPlural(List<string> subject)
    {
        var last = subject[^1].ToLowerInvariant();
        return last is "they" or "we" or "you" or "i" || (last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) && subject.Count > 1)
            || subject.Any(w => w.Equals("and", StringComparison.OrdinalIgnoreCase));
    }

    private static string Join(params string?[] parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()));

    private static string Join(IEnumerable<string> words) => string.Join(' ', words);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string CollapseSpaces(string text) => MultipleSpaces().Replace(text, " ").Replace(" ?", "?", StringComparison.Ordinal)
        .Replace(" ,", ",", StringComparison.Ordinal);

    // Where a sentence ends: . ! ? or ; followed by a space or the end (not the point of "0.5").
    [GeneratedRegex(@"[.!?;](?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    // Where the clause that holds the calculation starts: "..., so he has", "... which means she ate".
    [GeneratedRegex(@"(?:(?:^|,?\s+)(?:and\s+)?(?:so(?:\s+that)?|then|thus|hence|therefore|which\s+means(?:\s+that)?|that\s+means(?:\s+that)?|this\s+means(?:\s+that)?|meaning(?:\s+that)?|because)|,\s+and)\s+",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ClauseSplitter();

    [GeneratedRegex(@"[\s\d.,$%()+\-*/×÷=]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingCalculation();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();
}
