using System.Text.RegularExpressions;
using static TutorApp.Domain.Content.Import.EnglishWords;

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

    /// <param name="lineSteps">Every calculation of the same solution line (bounds the clause of each).</param>
    /// <param name="revealsResult">True when a text shows the step's result; such a wording is not used.</param>
    /// <param name="problemQuestion">For the step that gives the final answer: the question the problem asks.</param>
    public static WrittenQuestion Write(SolutionCalculation step, IReadOnlyList<SolutionCalculation> lineSteps, Func<string, bool> revealsResult,
        string? problemQuestion = null)
    {
        var (prefix, suffix) = Surroundings(step, lineSteps);
        var notes = new List<QuestionFlag>();
        var asked = AskForQuantity(prefix, suffix, step, notes);
        if (asked is not null && !revealsResult(asked))
        {
            return new WrittenQuestion(asked, notes);
        }
        // The sentence was not understood; only why (no verb) carries over to the plainer question.
        var why = notes.Where(n => n.Reason == QuestionFlagReason.NoVerbFound).Take(1).ToList();
        if (problemQuestion is not null && !revealsResult(problemQuestion))
        {
            // The problem's own question is written by a person: it is the step's question, not a guess.
            return new WrittenQuestion(problemQuestion, []);
        }
        var sentence = Quote(prefix, suffix);
        if (FillInTheBlank(prefix, suffix) is { } blank && !revealsResult(blank))
        {
            return new WrittenQuestion(blank, [.. why, new QuestionFlag(QuestionFlagReason.FillInTheBlank, sentence)]);
        }
        var template = step.Expression is null ? null : $"What is the result of this step: {step.Expression.Display()}?";
        return new WrittenQuestion(template is not null && !revealsResult(template) ? template : GenericPrompt,
            [.. why, new QuestionFlag(QuestionFlagReason.GenericTemplate, sentence)]);
    }

    private static string Quote(string prefix, string suffix) => $"\"{CollapseSpaces($"{prefix} … {suffix}".Trim())}\"";

    /// <summary>The last question of a problem statement ("How many clips did Natalia sell altogether?"), if it has one.</summary>
    public static string? QuestionOf(string statement)
    {
        var end = statement.LastIndexOf('?');
        if (end < 0)
        {
            return null;
        }
        var start = SentenceEnds(statement[..end]).LastOrDefault() is { } previous ? previous.Index + 1 : 0;
        var question = CollapseSpaces(statement[start..(end + 1)].Trim());
        return question.Split(' ').Length >= 3 ? question : null;
    }

    /// <summary>The clause around a calculation: the text before it and after its result, within one sentence.</summary>
    public static (string Prefix, string Suffix) Surroundings(SolutionCalculation step, IReadOnlyList<SolutionCalculation> lineSteps)
    {
        var line = step.Line;
        var start = 0;
        foreach (var end in SentenceEnds(line))
        {
            if (end.Index + end.Length <= step.CalculationStart)
            {
                start = end.Index + end.Length;
            }
        }
        var stop = line.Length;
        if (SentenceEnds(line).FirstOrDefault(m => m.Index >= step.ResultEnd) is { } next)
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

    /// <summary>Where sentences end in a text: the point of "Mr." or of an initial ("J. Smith") does not end one.</summary>
    private static IEnumerable<Match> SentenceEnds(string text) =>
        SentenceEnd().Matches(text).Where(m => m.Value != "." || !EndsWithAbbreviation(text[..m.Index]));

    private static bool EndsWithAbbreviation(string before)
    {
        var start = before.Length;
        while (start > 0 && char.IsLetter(before[start - 1]))
        {
            start--;
        }
        var word = before[start..];
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    // The solution's own sentence with a blank, when it reads as a sentence: it starts one (a capital or a number, not a
    // fragment like "wheels, bringing the total to"), and the blank is not tacked on after a comma or a conjunction.
    private static string? FillInTheBlank(string prefix, string suffix)
    {
        var before = prefix.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (before.Length < 2 || !(char.IsUpper(prefix[0]) || char.IsAsciiDigit(prefix[0])) || (prefix.EndsWith(',') && KeptLead(prefix) is null)
            || (suffix.Trim(SentencePunctuation).Length == 0 && before[^1].ToLowerInvariant() is "so" or "and" or "but" or "then" or "because" or "is" or "are"))
        {
            return null;
        }
        var sentence = $"{prefix} ___ {suffix}".Trim().TrimEnd('.', ',', ';', ':');
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words < 4 ? null : $"Fill in the blank: \"{sentence}.\"";
    }

    private static string? AskForQuantity(string prefix, string suffix, SolutionCalculation step, List<QuestionFlag> notes)
    {
        var (unit, rest) = ReadUnit(suffix);
        var core = prefix.Replace("’", "'", StringComparison.Ordinal);
        // "the rancher will have 200 + 200/2 =": the start of a chained calculation is not part of the wording.
        var chained = TrailingCalculation().Match(core);
        if (chained.Success && chained.Value.Any(char.IsAsciiDigit) && chained.Value.Any(c => c is '+' or '-' or '*' or '/' or '×' or '÷'))
        {
            core = core[..chained.Index].TrimEnd();
        }
        // "Carl takes out 10 more marbles, 6 + 10 = 16 marbles": the clause before the comma is another fact, not this step
        // (but "For the next hour, 6 x 4 = 24 cups came out" only has a lead-in before it).
        string? lead = null;
        if (core.EndsWith(','))
        {
            lead = KeptLead(core);
            if (lead is null)
            {
                return null;
            }
            core = "";
        }
        var isLabel = false;
        if (core.EndsWith(':') || core.EndsWith('='))
        {
            isLabel = true;
            core = core[..^1].TrimEnd();
        }
        else if (LabelWithOperands().Match(core) is { Success: true } labelled)
        {
            // "find how much both workers pay together: $100/day/worker" - the operands after the colon are the method.
            isLabel = true;
            core = core[..labelled.Index].TrimEnd();
        }

        // The space lets a connective at the very end ("... because") be found too.
        var splitter = ClauseSplitter().Matches(core + " ").LastOrDefault();
        var comma = core.LastIndexOf(", ", StringComparison.Ordinal);
        if (core.Length > 0 && splitter is not null && splitter.Index >= comma && splitter.Index + splitter.Length >= core.Length
            && splitter.Value.Contains("because", StringComparison.OrdinalIgnoreCase) && suffix.Trim(SentencePunctuation).Length == 0)
        {
            // "He spent $2 on gumballs because 40 x .05 = 2": the clause before "because" states the result; ask for it.
            return AskAboutStatedResult(core[..splitter.Index], step, notes);
        }
        if (core.Length > 0 && splitter is not null && splitter.Index >= comma)
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
        // "In 5 days he does", "During the first 3 weeks the factory made": the lead-in ends where the subject starts.
        if (words.Count > 2 && (SubordinateStarts.Contains(words[0]) || words[0].ToLowerInvariant() is "every" or "each" or "this" or "last" or "next"))
        {
            var subjectAt = SubjectAfterLead(words);
            if (subjectAt > 0)
            {
                lead ??= Join(words.Take(subjectAt));
                words.RemoveRange(0, subjectAt);
            }
        }
        var (filler, more) = StripTrailingFillers(words);
        // "2 parts more than the boys": "more" belongs to the quantity, "than the boys" stays at the end.
        if (unit.Count > 0 && ComparisonStart().Match(rest) is { Success: true } comparison)
        {
            unit = [comparison.Groups[1].Value.ToLowerInvariant(), .. unit];
            rest = "than " + rest[comparison.Length..].TrimStart();
        }
        else if (more)
        {
            unit = ["more", .. unit];
        }
        var saysSame = filler is not null && rest.Contains(filler, StringComparison.OrdinalIgnoreCase);
        var tail = Join(saysSame ? null : filler ?? (saysInTotal && !rest.Contains("in total", StringComparison.OrdinalIgnoreCase) ? "in total" : null), rest);

        string? question;
        if (isLabel)
        {
            question = words.Count is > 0 and <= 6 && !ImperativeVerbs.Contains(words[0]) ? AskForLabel(words, unit, step, notes) : AskToWorkOut(words, tail);
        }
        else if (words.Count == 0)
        {
            question = AskWithNumberAsSubject(unit, rest, step, notes);
        }
        else if (ImperativeVerbs.Contains(words[0]) || (words.Count > 1 && words[1] == "out" && words[0] is "figure" or "work"))
        {
            question = AskToWorkOut(words, tail);
        }
        else if (words[0].Equals("there", StringComparison.OrdinalIgnoreCase) && words.Count > 1
            && (EnglishVerbs.IsCopula(words[1]) || (words[1] == "will" && words.Count > 2 && words[2] == "be")))
        {
            var quantity = QuantityPhrase(unit, step, verbBase: null, notes);
            var verb = words[1] == "will" ? "will be" : AgreeWith(quantity, words[1]);
            var after = words.Skip(words[1] == "will" ? 3 : 2);
            question = Join(quantity, verb, "there", Join(after), tail) + "?";
        }
        else if (ExistentialStart(words) is > 0 and var there && LeadWords.Contains(words[0]))
        {
            // "After Jim eats 15 there are 105 cookies left" -> "After Jim eats 15, how many cookies are there left?"
            lead = Join(words.Take(there));
            var quantity = QuantityPhrase(unit, step, verbBase: null, notes);
            question = Join(quantity, AgreeWith(quantity, words[there + 1]), "there", Join(words.Skip(there + 2)), tail) + "?";
        }
        else if (words.Count >= 3 && EnglishVerbs.IsCopula(words[^1]) && (Determiners.Contains(words[0]) || IsPossessive(words[0])))
        {
            question = AskAboutCopulaSubject(words, unit, tail, step, notes);
        }
        else
        {
            question = AskAboutSubject(words, unit, tail, step, notes);
        }

        if (question is null)
        {
            return null;
        }
        if (lead is not null)
        {
            // "In total, how many hours would she spend on her trips" - the lead already says it.
            if (Regex.IsMatch(lead, @"\b(in total|altogether|in all)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            {
                question = question.Replace(" in total", "", StringComparison.Ordinal);
            }
            question = Capitalize(lead.Trim()) + ", " + char.ToLowerInvariant(question[0]) + question[1..];
        }
        // "per hour" from the sentence and again from the unit ("fell per hour per hour"), "more" from both ("more more").
        return Capitalize(RepeatedPhrase().Replace(CollapseSpaces(question), "$1"));
    }

    // "the number of homes that had panels installed is" -> "What is the number of homes that had panels installed?";
    // "Four times as many bacon bits as pickles is" -> "How many bacon bits are four times as many as pickles?"
    private static string AskAboutCopulaSubject(List<string> words, IReadOnlyList<string> unit, string tail, SolutionCalculation step,
        List<QuestionFlag> notes)
    {
        var copula = words[^1].ToLowerInvariant();
        var subjectWords = words.Take(words.Count - 1).ToList();
        var asMany = subjectWords.FindIndex(w => w.Equals("as", StringComparison.OrdinalIgnoreCase));
        if (asMany > 0 && asMany + 2 < subjectWords.Count && subjectWords[asMany + 1].ToLowerInvariant() is "many" or "much")
        {
            var than = subjectWords.FindIndex(asMany + 2, w => w.Equals("as", StringComparison.OrdinalIgnoreCase));
            if (than > asMany + 2)
            {
                var counted = subjectWords.Skip(asMany + 2).Take(than - asMany - 2).ToList();
                var quantity = QuantityPhrase(counted, step, verbBase: null, notes);
                return Join(quantity, AgreeWith(quantity, copula), LowerFirstIfCommon(subjectWords.Take(asMany).ToList()),
                    "as", subjectWords[asMany + 1].ToLowerInvariant(), Join(subjectWords.Skip(than)), tail) + "?";
            }
        }
        var subject = LowerFirstIfCommon(subjectWords);
        return HasAdjective(unit)
            ? Join(QuantityPhrase(unit, step, null, notes), copula, subject, tail) + InUnit(unit, step, subject) + "?"
            : Join("What", copula, subject, tail) + InUnit(unit, step, subject) + "?";
    }

    private static string? AskAboutStatedResult(string clause, SolutionCalculation step, List<QuestionFlag> notes)
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
        return AskForQuantity(prefix, suffix, restated, notes);
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

    // Where the main clause's subject starts after a lead-in: a pronoun, or a determiner or a name that a verb follows.
    private static int SubjectAfterLead(List<string> words)
    {
        var pronoun = words.FindIndex(2, w => Pronouns.Contains(w));
        if (pronoun > 0 && IsVerbAt(words, pronoun + 1))
        {
            return pronoun;
        }
        for (var i = 2; i < Math.Min(words.Count - 1, 10); i++)
        {
            var word = words[i];
            var startsPhrase = (Determiners.Contains(word) && !char.IsAsciiDigit(word[0]) && word.ToLowerInvariant() is not ("one" or "two" or "three" or "four" or "five" or "six" or "seven" or "eight" or "nine" or "ten"))
                || (char.IsUpper(word[0]) && !IsCommonWord(word));
            // "each of his brothers cut": a determiner after "of" is still inside the subject, not the start of one.
            if (startsPhrase && !Determiners.Contains(words[i - 1]) && !SubordinateStarts.Contains(words[i - 1]) && !words[i - 1].Equals("of", StringComparison.OrdinalIgnoreCase)
                && ReadSubject(words.Skip(i).ToList()) > 0)
            {
                return i;
            }
        }
        return -1;
    }

    private static string? AskAboutSubject(List<string> words, IReadOnlyList<string> unit, string tail, SolutionCalculation step,
        List<QuestionFlag> notes)
    {
        var subjectLength = ReadSubject(words);
        if (subjectLength <= 0 || subjectLength >= words.Count)
        {
            if (subjectLength == 0 && words.Count > 1 && !words.Any(w => EnglishVerbs.IsCopula(w) || EnglishVerbs.IsModal(w) || EnglishVerbs.Read(w) is not null))
            {
                notes.Add(new QuestionFlag(QuestionFlagReason.NoVerbFound, $"\"{Join(words)}\""));
            }
            return null;
        }
        var subjectWords = words.Take(subjectLength).ToList();
        var subject = LowerFirstIfCommon(subjectWords);
        var verb = words[subjectLength];
        var after = words.Skip(subjectLength + 1).ToList();
        // A second finite verb ("the 24 pounds Steve picked on Tuesday gave him") means the subject holds a clause; a number
        // with words around it ("takes 20 jelly beans leaving") means the sentence states another quantity first.
        if (after.Any(w => ClauseWords.Contains(w)) || after.Count > 7
            || after.Any(w => EnglishVerbs.Read(w)?.Form is VerbForm.Past or VerbForm.ThirdPerson && !EnglishVerbs.IsParticiple(w))
            || (after.Count >= 3 && after.Any(w => w.Any(char.IsAsciiDigit))))
        {
            return null;
        }
        // "will only cost" asks "will ... cost": the adverb says nothing about the quantity.
        after.RemoveAll(w => DroppableAdverbs.Contains(w));
        tail = WithoutRepeatedEach(subjectWords, tail);
        var lowerVerb = verb.ToLowerInvariant();
        // "the number of swans in the pond will double to 60 swans": the subject is the quantity itself, so "What".
        var subjectIsQuantity = subjectWords.Count >= 2 && subjectWords[0].Equals("the", StringComparison.OrdinalIgnoreCase)
            && subjectWords[1].ToLowerInvariant() is "number" or "total" or "amount" or "sum" or "price" or "cost";

        if (EnglishVerbs.IsModal(lowerVerb))
        {
            if (after.Count == 0)
            {
                return null;
            }
            // "Joel will be 27 years old" -> "How old will Joel be?"; "her gain will be $5" -> "What will her gain be?"
            var endsWithBe = after[^1] == "be" || after[^1] == "been";
            return (endsWithBe || subjectIsQuantity) && !HasAdjective(unit)
                ? Join("What", lowerVerb, subject, Join(after), tail) + InUnit(unit, step, subject) + "?"
                : Fronted(QuantityPhrase(unit, step, null, notes), Join(lowerVerb, subject), after, tail);
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
                    ? Join(QuantityPhrase(unit, step, null, notes), lowerVerb, subject, tail) + InUnit(unit, step, subject) + "?"
                    : Join("What", lowerVerb, subject, tail) + InUnit(unit, step, subject) + "?";
            }
            return Join(QuantityPhrase(unit, step, null, notes), lowerVerb, subject, Join(after), tail) + "?";
        }
        if (lowerVerb is "has" or "have" or "had" && after.Count > 0 && EnglishVerbs.IsParticiple(after[0]))
        {
            return Fronted(QuantityPhrase(unit, step, null, notes), Join(lowerVerb, subject), after, tail);
        }
        if (lowerVerb is "do" or "does" or "did" && after.Count > 0 && EnglishVerbs.Read(after[0]) is not null)
        {
            return Fronted(QuantityPhrase(unit, step, null, notes), Join(lowerVerb, subject), after, tail);
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
            VerbForm.BaseOrPast => IsPlural(subjectWords) ? "do" : "did",
            _ => "do",
        };
        return subjectIsQuantity
            ? Join("What", auxiliary, subject, reading.Base, Join(after), tail) + InUnit(unit, step, subject) + "?"
            : Fronted(QuantityPhrase(unit, step, reading.Base, notes), Join(auxiliary, subject, reading.Base), after, tail);
    }

    // "would he start exercising again in" + days -> "In how many days would he start exercising again?": a time span's
    // preposition goes in front rather than dangling at the end.
    private static string Fronted(string quantity, string clause, List<string> after, string tail)
    {
        if (tail.Length == 0 && after.Count > 1 && after[^1].ToLowerInvariant() is "in" or "within" or "after"
            && quantity.StartsWith("How many", StringComparison.Ordinal) && TimeUnits.Contains(quantity.Split(' ')[^1]))
        {
            return Join(Capitalize(after[^1].ToLowerInvariant()), char.ToLowerInvariant(quantity[0]) + quantity[1..], clause,
                Join(after.Take(after.Count - 1))) + "?";
        }
        return Join(quantity, clause, Join(after), tail) + "?";
    }

    private static readonly HashSet<string> TimeUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "seconds", "minutes", "hours", "days", "weeks", "months", "years",
    };

    // "each gallery must have 2 pictures per gallery": "per gallery" repeats what "each gallery" says.
    private static string WithoutRepeatedEach(List<string> subject, string tail)
    {
        var each = subject.FindIndex(w => w.ToLowerInvariant() is "each" or "every");
        if (each < 0 || each + 1 >= subject.Count)
        {
            return tail;
        }
        var noun = subject[each + 1];
        return Regex.Replace(tail, $@"\b(?:per|a|an|each)\s+{Regex.Escape(noun)}\b", "", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).Trim();
    }

    // "Thus, 15 children attended the party." -> "How many children attended the party?"
    private static string? AskWithNumberAsSubject(IReadOnlyList<string> unit, string rest, SolutionCalculation step, List<QuestionFlag> notes)
    {
        var restWords = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (restWords.Length == 0)
        {
            return null;
        }
        var first = restWords[0].ToLowerInvariant();
        var startsWithVerb = EnglishVerbs.IsCopula(first) || EnglishVerbs.IsModal(first) || EnglishVerbs.Read(first) is not null;
        if (!startsWithVerb)
        {
            return null;
        }
        var quantity = QuantityPhrase(unit, step, null, notes);
        return Join(quantity, AgreeWith(quantity, restWords[0]), Join(restWords.Skip(1))) + "?";
    }

    // "Total:" -> "What is the total?"; "x =" -> "What is the value of x?"
    private static string? AskForLabel(List<string> words, IReadOnlyList<string> unit, SolutionCalculation step, List<QuestionFlag> notes)
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
            if (label.Any(char.IsLetter))
            {
                // "4s =", "2x + 3 =": algebra whose letters only the rest of the solution explains.
                notes.Add(new QuestionFlag(QuestionFlagReason.LabelOnly, $"\"{label} =\""));
            }
            return $"What is {label}{inUnit}?";
        }
        if (words.Count == 1 && words[0].Length == 1)
        {
            return $"What is the value of {label}{inUnit}?";
        }
        if (char.IsUpper(label[0]) && !Determiners.Contains(words[0]) && !IsCommonWord(words[0]))
        {
            // "Lev: 5 x 3 = 15" - a name or a heading; what it counts is only clear from the rest of the solution.
            notes.Add(new QuestionFlag(QuestionFlagReason.LabelOnly, $"\"{label}:\""));
            return $"What is the number for {label}{inUnit}?";
        }
        var lowered = LowerFirstIfCommon(words);
        return Determiners.Contains(words[0]) ? $"What is {lowered}{inUnit}?" : $"What is the {lowered}{inUnit}?";
    }

    // "First find the total number of games Bill has won:" -> "What is the total number of games Bill has won?"
    private static string? AskToWorkOut(List<string> words, string tail)
    {
        var verbLength = words.Count > 1 && words[1] == "out" ? 2 : 1;
        if (words.Count <= verbLength || !(ImperativeVerbs.Contains(words[0]) || verbLength == 2))
        {
            return null;
        }
        // The method ("by dividing ... by 2") would give away the strategy the tree asks about.
        var sought = words.Skip(verbLength).TakeWhile(w => w is not ("by" or "using")).ToList();
        // "find the scorpion has eaten ..." - a clause, not a noun phrase: "What is ..." cannot ask it.
        if (sought.Count == 0 || sought.Skip(1).Any(IsAuxiliary))
        {
            return null;
        }
        // Only a filler ("in total") is kept from the tail: the rest of a label line is the calculation itself.
        var filler = tail is "in total" or "at most" or "at least" or "on average" ? " " + tail : "";
        return Determiners.Contains(sought[0]) && sought[0] is not ("this" or "that")
            ? $"What is {Join(sought)}{filler}?"
            : $"Work out {Join(sought)}{filler}.";
    }

    private static int ReadSubject(List<string> words)
    {
        if (words.Count < 2)
        {
            return 0;
        }
        if (Pronouns.Contains(words[0]) || (words[0].ToLowerInvariant() is "this" or "that" or "which" && IsVerbAt(words, 1)))
        {
            return 1;
        }
        var first = words[0];
        // A subject that starts with a number ("237 pens were split ...") is given data, not the quantity sought; one that
        // starts with a preposition ("During the first 3 weeks") is a lead-in, not a subject.
        var isNounPhraseStart = Determiners.Contains(first) || (char.IsUpper(first[0]) && !SubordinateStarts.Contains(first)) || IsPossessive(first);
        if (!isNounPhraseStart)
        {
            return 0;
        }
        // After a determiner or a possessive, the next word belongs to the noun phrase ("The plants need").
        var i = Determiners.Contains(first) || IsPossessive(first) ? 2 : 1;
        while (i < words.Count && i <= 8)
        {
            // "The three youngest sisters combined have", "The first two plants bore": a verb form followed by the real
            // verb belongs to the subject.
            if (IsVerbAt(words, i) && (IsAuxiliary(words[i]) || !IsFiniteVerbAt(words, i + 1)))
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

    private static bool IsFiniteVerbAt(List<string> words, int index)
    {
        if (index >= words.Count)
        {
            return false;
        }
        var word = words[index];
        return IsAuxiliary(word) || EnglishVerbs.Read(word)?.Form is VerbForm.Past or VerbForm.ThirdPerson;
    }

    private static bool IsAuxiliary(string word) =>
        EnglishVerbs.IsCopula(word) || EnglishVerbs.IsModal(word) || word.ToLowerInvariant() is "has" or "have" or "had" or "do" or "does" or "did";

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
        return reading.Form != VerbForm.Base || PluralPronouns.Contains(previous)
            || (previous.EndsWith('s') && !previous.EndsWith("ss", StringComparison.Ordinal) && !IsPossessive(previous));
    }

    private static (IReadOnlyList<string> Unit, string Remainder) ReadUnit(string suffix)
    {
        var words = suffix.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var unit = new List<string>();
        var i = 0;
        // The word right after "of" is its object ("pieces of fried chicken"), whatever else it could be read as.
        var afterOf = false;
        while (i < words.Length && unit.Count < 6)
        {
            var word = words[i].TrimEnd(SentencePunctuation);
            var endsPhrase = word.Length != words[i].Length;
            if (word.Length == 0 || !word.All(c => char.IsLetter(c) || c is '-' or '\'' or '/'))
            {
                break;
            }
            var lower = word.ToLowerInvariant();
            // "pieces of stationery", "kilograms of dog food", "packs of 10 cupcakes": "of" continues the unit.
            if (lower == "of" && unit.Count > 0 && i + 1 < words.Length && !endsPhrase)
            {
                var next = words[i + 1].TrimEnd(SentencePunctuation);
                if (next.Length > 0 && next.All(char.IsAsciiDigit) && next.Length == words[i + 1].Length && i + 2 < words.Length
                    && words[i + 2].TrimEnd(SentencePunctuation).All(char.IsLetter))
                {
                    unit.Add(word);
                    unit.Add(next);
                    i += 2;
                    continue;
                }
                if (next.Length > 0 && next.All(c => char.IsLetter(c) || c is '-' or '\'') && !UnitStopWords.Contains(next))
                {
                    unit.Add(word);
                    afterOf = true;
                    i++;
                    continue;
                }
                break;
            }
            if (afterOf)
            {
                afterOf = false;
                unit.Add(word);
                i++;
                if (endsPhrase)
                {
                    break;
                }
                continue;
            }
            var isMoreWord = unit.Count == 0 && lower is "more" or "less" or "fewer";
            var following = i + 1 < words.Length ? words[i + 1].ToLowerInvariant() : "";
            // "children | attended the party", "people | eating the pizza"; but "pumpkin slices" is all unit.
            var startsVerbPhrase = unit.Count > 0
                && (EnglishVerbs.Read(lower)?.Form == VerbForm.Past
                    || ((EnglishVerbs.Read(lower)?.Form == VerbForm.ThirdPerson || (lower.EndsWith("ing", StringComparison.Ordinal) && lower.Length > 4))
                        && VerbObjectStarts.Contains(following)));
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

    private static string QuantityPhrase(IReadOnlyList<string> unit, SolutionCalculation step, string? verbBase, List<QuestionFlag> notes)
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
        if ((step.ResultIsMoney && (words.Count == 0 || words[0].ToLowerInvariant() is "dollars" or "dollar")) || (words.Count == 0 && verbBase is "cost"))
        {
            var howMuch = Join("How much", more == "fewer" ? "less" : more);
            return verbBase is "cost" ? howMuch : Join(howMuch, "money");
        }
        if (words.Count == 0)
        {
            notes.Add(new QuestionFlag(QuestionFlagReason.NoUnit, "the solution names no unit after the result"));
            return Join("How many", more);
        }
        if (words[0].Equals("times", StringComparison.OrdinalIgnoreCase))
        {
            // "2 times her ratio": a multiple, not a count of things.
            notes.Add(new QuestionFlag(QuestionFlagReason.NoUnit, $"the result counts \"{Join(words)}\""));
            return Join("How many", Join(words));
        }
        // The head noun is the last word before "of" ("bolts of white fiber"), or the last word.
        var of = words.FindIndex(w => w.Equals("of", StringComparison.OrdinalIgnoreCase));
        var head = of > 0 ? of - 1 : words.Count - 1;
        if (head == 0 && words[0].ToLowerInvariant() is "million" or "billion" or "thousand" or "hundred" && of < 0)
        {
            notes.Add(new QuestionFlag(QuestionFlagReason.NoUnit, $"the unit is the number word \"{words[0]}\""));
        }
        if (EnglishNouns.IsMass(words[head]))
        {
            // "How much water", "How much white fiber"; a mass of money is still money ("How much change").
            return Join("How much", more == "fewer" ? "less" : more, Join(words));
        }
        var plural = EnglishNouns.Plural(words[head], out var source);
        if (source == PluralSource.Guessed)
        {
            notes.Add(new QuestionFlag(QuestionFlagReason.UnknownPlural, $"\"{words[head]}\" made plural as \"{plural}\""));
        }
        words[head] = plural;
        return Join("How many", more == "less" ? "fewer" : more, Join(words));
    }

    // After "How many": "how many cookies are there", not "is there" (the solution's verb agreed with "1 cookie").
    private static string AgreeWith(string quantity, string verb)
    {
        if (!quantity.StartsWith("How many", StringComparison.Ordinal))
        {
            return verb;
        }
        return verb.ToLowerInvariant() switch
        {
            "is" => "are",
            "was" => "were",
            "has" => "have",
            _ => verb,
        };
    }

    // ", in gallons" after "What is the final volume of water in the tank" (not when the phrase names the unit already).
    private static string InUnit(IReadOnlyList<string> unit, SolutionCalculation step, string subject)
    {
        var words = HasAdjective(unit) ? unit.Take(unit.Count - 1).ToList() : unit.ToList();
        // "How old is Jenny" needs no ", in years".
        if (words.Count == 0 || step.ResultIsMoney || step.ResultIsPercent || (HasAdjective(unit) && words[^1].ToLowerInvariant() is "years" or "year")
            || subject.Contains(words[^1], StringComparison.OrdinalIgnoreCase)
            || words[0].ToLowerInvariant() is "more" or "less" or "fewer")
        {
            return "";
        }
        return ", in " + Join(words.Select((w, i) => i == words.Count - 1 ? EnglishNouns.Plural(w, out _) : w));
    }

    private static bool HasAdjective(IReadOnlyList<string> unit) => unit.Count > 0 && Adjectives.Contains(unit[^1]);

    private static string? KeptLead(string lead)
    {
        var trimmed = lead.Trim().TrimEnd(',');
        var words = trimmed.Split(' ');
        // "In total, we (then find ...)" is the start of a clause, not a lead-in the question can keep.
        return trimmed.Length > 0 && LeadWords.Contains(words[0]) && !Pronouns.Contains(words[^1]) && !ClauseSplitter().IsMatch(trimmed)
            ? trimmed
            : null;
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

    /// <summary>
    /// Drops the words between the verb and the result that only qualify the number ("a total of", "about", "an extra"),
    /// and says what the question keeps of them: "in total", "at most", "on average", or "more".
    /// </summary>
    private static (string? Filler, bool More) StripTrailingFillers(List<string> words)
    {
        string? filler = null;
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
                filler ??= "in total";
                stripped = true;
            }
            else if (lastThree is "a maximum of" or "the maximum of" or "a minimum of" or "the minimum of" or "an average of" or "the average of")
            {
                words.RemoveRange(words.Count - 3, 3);
                filler ??= lastThree.Contains("maximum", StringComparison.Ordinal) ? "at most"
                    : lastThree.Contains("minimum", StringComparison.Ordinal) ? "at least" : "on average";
                stripped = true;
            }
            else if (lastTwo is "total of" or "in total" or "in all")
            {
                words.RemoveRange(words.Count - 2, 2);
                filler ??= "in total";
                stripped = true;
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
                filler ??= "in total";
                stripped = true;
            }
            else if (last is "a" or "an" or "the" or "about" or "only" or "exactly" or "approximately" or "around" or "just" or "=")
            {
                words.RemoveAt(words.Count - 1);
                stripped = true;
            }
        }
        return (filler, more);
    }

    // In "did Natalia sell" a name keeps its capital; "The first lady" becomes "the first lady", "Twice their" "twice their".
    private static string LowerFirstIfCommon(IReadOnlyList<string> words)
    {
        var first = words[0];
        var lowered = first != "I" && IsCommonWord(first) ? first.ToLowerInvariant() : first;
        return Join(words.Skip(1).Prepend(lowered));
    }

    private static bool IsPlural(List<string> subject)
    {
        var last = subject[^1].ToLowerInvariant();
        return PluralPronouns.Contains(last) || (last.EndsWith('s') && !last.EndsWith("ss", StringComparison.Ordinal) && subject.Count > 1)
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

    // "...together: $100/day/worker * 2 workers =" - a label, then the calculation's operands written with their units.
    [GeneratedRegex(@":\s+[$€£]?\d[^:]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelWithOperands();

    [GeneratedRegex(@"\b((?:\w+ ){0,2}\w+) \1\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RepeatedPhrase();

    // "more than the boys" right after the unit: the comparison of a "How many more" question.
    [GeneratedRegex(@"^(more|fewer|less)\s+(?=than\b)than\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ComparisonStart();
}
