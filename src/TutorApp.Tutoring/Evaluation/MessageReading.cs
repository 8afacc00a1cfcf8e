namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// Which of the numbers in a message the student offers as answers. The rule:
/// <list type="number">
/// <item>A number joined to an arithmetic operator ("3 times 8", "16 ÷ 3", "2 × 8 slices") is working, not an answer.</item>
/// <item>A number shortly after a result word ("=", "is", "equals", "makes", "gives", "got", "so", "answer", "total") is a result.</item>
/// <item>The answer is the last result; without one, the last other number before "because"/"since"; else the last other number.</item>
/// <item>A message that offers alternatives ("14 or 16", or three or more different numbers with no result word) hedges:
/// it answers nothing.</item>
/// </list>
/// So "3 times 8 is 24" answers 24, "24 because 3 times 8" answers 24, "2 × 8" answers nothing (it is reasoning), and
/// "2 × 8 = 16 so 16/3 = 5 1/3" has the results 16 and 5 1/3, answer 5 1/3.
/// </summary>
internal sealed class MessageReading
{
    private static readonly HashSet<string> _operatorWords = new(StringComparer.Ordinal)
    {
        "plus", "minus", "times", "multiplied", "multiply", "divided", "divide", "by", "over", "add", "added", "subtract",
        "subtracted", "less", "twice", "double", "triple", "squared", "cubed", "into", "multiplying", "dividing", "adding",
        "subtracting",
    };

    private static readonly HashSet<string> _resultWords = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "equals", "equal", "equaled", "equalled", "makes", "make", "made", "gives", "give", "gave",
        "get", "gets", "got", "getting", "be", "answer", "so", "thus", "therefore", "hence", "total", "leaves", "comes",
        "it's", "that's", "there's", "its", "thats", "theres", "answer's", "result",
    };

    private static readonly HashSet<string> _justificationWords = new(StringComparer.Ordinal) { "because", "since", "cause", "'cause", "cos", "coz" };

    private const string OperatorSymbols = "+-*/÷^";

    private MessageReading(IReadOnlyList<TextToken> tokens, IReadOnlyList<NumberMention> numbers)
    {
        Tokens = tokens;
        Numbers = numbers;
    }

    public IReadOnlyList<TextToken> Tokens { get; }

    public IReadOnlyList<NumberMention> Numbers { get; }

    /// <summary>Numbers used as operands of a written operation.</summary>
    public List<NumberMention> Working { get; } = [];

    /// <summary>Numbers not used as operands.</summary>
    public List<NumberMention> Stated { get; } = [];

    /// <summary>Numbers presented as the result of something.</summary>
    public List<NumberMention> Results { get; } = [];

    public NumberMention? Answer { get; private set; }

    public bool Hedged { get; private set; }

    /// <summary>The numbers the student offers as answers: the results and the answer; empty when the message hedges.</summary>
    public IReadOnlyList<NumberMention> AnswerValues =>
        Hedged ? [] : Answer is null ? Results : Results.Contains(Answer) ? Results : [.. Results, Answer];

    public bool HasWorking => Working.Count > 0 || Tokens.Any(t => t.Kind == TokenKind.Word && _operatorWords.Contains(t.Text) && t.Text != "by");

    public static MessageReading Read(string text)
    {
        var tokens = TextTokenizer.Tokenize(text);
        var numbers = NumberReader.Read(text, tokens, strict: false);
        var reading = new MessageReading(tokens, numbers);
        reading.Classify();
        return reading;
    }

    private void Classify()
    {
        var owner = new int[Tokens.Count];
        Array.Fill(owner, -1);
        for (var m = 0; m < Numbers.Count; m++)
        {
            for (var t = Numbers[m].FirstToken; t <= Numbers[m].LastToken; t++)
            {
                owner[t] = m;
            }
        }

        var justification = -1;
        for (var t = 0; t < Tokens.Count; t++)
        {
            if (Tokens[t].Kind == TokenKind.Word && _justificationWords.Contains(Tokens[t].Text))
            {
                justification = t;
                break;
            }
        }

        foreach (var number in Numbers)
        {
            if (IsOperand(number, owner))
            {
                Working.Add(number);
                continue;
            }
            Stated.Add(number);
            if (FollowsResultWord(number, owner))
            {
                Results.Add(number);
            }
        }

        if (Results.Count > 0)
        {
            Answer = Results[^1];
        }
        else if (justification >= 0 && Stated.Any(n => n.LastToken < justification))
        {
            Answer = Stated.Last(n => n.LastToken < justification);
        }
        else
        {
            Answer = Stated.LastOrDefault();
        }

        Hedged = OffersAlternatives()
            || (Results.Count == 0 && justification < 0 && Stated.Select(n => n.Value).Distinct().Count() >= 3);
    }

    private bool IsOperand(NumberMention number, int[] owner)
    {
        var before = number.FirstToken - 1;
        if (before >= 0 && owner[before] < 0)
        {
            if (IsOperator(before))
            {
                return true;
            }
            // "40% of 1250", "half of 16": "of" after a part multiplies.
            if (Tokens[before].IsWord("of") && before >= 1
                && ((owner[before - 1] >= 0 && IsPart(Numbers[owner[before - 1]]))
                    || (Tokens[before - 1].Kind == TokenKind.Word && Tokens[before - 1].Text is "half" or "quarter" or "third")))
            {
                return true;
            }
        }
        var after = number.LastToken + 1;
        if (after < Tokens.Count && owner[after] < 0)
        {
            if (IsOperator(after) || (Tokens[after].IsWord("of") && IsPart(number) && NumberFollows(after, owner)))
            {
                return true;
            }
            // One unit word may sit between the number and the operator: "8 slices times 2".
            if (Tokens[after].Kind == TokenKind.Word && !IsSignificantWord(Tokens[after].Text) && after + 1 < Tokens.Count
                && owner[after + 1] < 0 && IsOperator(after + 1))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>"40% of 1250" multiplies; "2/3 of a pizza" names an amount.</summary>
    private bool NumberFollows(int index, int[] owner) =>
        (index + 1 < Tokens.Count && owner[index + 1] >= 0) || (index + 2 < Tokens.Count && owner[index + 2] >= 0 && Tokens[index + 1].Kind == TokenKind.Symbol);

    private static bool IsPart(NumberMention number) =>
        number.Form == NumberForm.Percent || (number.FractionParts is { Whole: 0 } && Math.Abs(number.Value) < 1);

    private bool IsOperator(int index)
    {
        var token = Tokens[index];
        if (token.Kind == TokenKind.Symbol)
        {
            return OperatorSymbols.Contains(token.Text, StringComparison.Ordinal);
        }
        if (token.Kind != TokenKind.Word)
        {
            return false;
        }
        // "3 x 8": x between two numbers is a times sign; elsewhere it is a variable.
        if (token.Text == "x")
        {
            return index > 0 && index + 1 < Tokens.Count && Tokens[index - 1].Kind == TokenKind.Digits && Tokens[index + 1].Kind == TokenKind.Digits;
        }
        // "80 times" ends a count ("how many times?"); "80 times 2" multiplies.
        if (token.Text is "times" && !(index + 1 < Tokens.Count && Tokens[index + 1].Kind == TokenKind.Digits))
        {
            return false;
        }
        return _operatorWords.Contains(token.Text);
    }

    private static bool IsSignificantWord(string word) =>
        _resultWords.Contains(word) || _operatorWords.Contains(word) || _justificationWords.Contains(word) || word is "and" or "or" or "of";

    /// <summary>A result word within the three tokens before the number, with no number or operator in between.</summary>
    private bool FollowsResultWord(NumberMention number, int[] owner)
    {
        for (var t = number.FirstToken - 1; t >= 0 && t >= number.FirstToken - 3; t--)
        {
            if (owner[t] >= 0 || IsOperator(t))
            {
                return false;
            }
            var token = Tokens[t];
            if (token.Kind == TokenKind.Symbol && token.Text is "=" or "≈" or ":" or "→")
            {
                return true;
            }
            if (token.Kind == TokenKind.Word && (_resultWords.Contains(token.Text) || _justificationWords.Contains(token.Text)))
            {
                return _resultWords.Contains(token.Text);
            }
        }
        return false;
    }

    /// <summary>"14 or 16", "is it 14 or maybe 16": numbers on both sides of "or".</summary>
    private bool OffersAlternatives()
    {
        for (var t = 0; t < Tokens.Count; t++)
        {
            if (!Tokens[t].IsWord("or"))
            {
                continue;
            }
            var before = Stated.Any(n => n.LastToken < t && n.LastToken >= t - 3);
            var after = Stated.Any(n => n.FirstToken > t && n.FirstToken <= t + 3);
            if (before && after)
            {
                return true;
            }
        }
        return false;
    }
}
