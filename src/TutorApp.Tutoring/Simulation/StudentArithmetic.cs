using System.Globalization;
using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Simulation;

/// <summary>A token of written arithmetic as the simulated student reads it.</summary>
public abstract record ArithmeticToken;

public sealed record NumberToken(decimal Value) : ArithmeticToken;

public sealed record OperatorToken(char Operator) : ArithmeticToken;

public sealed record ParenthesisToken(bool Opens) : ArithmeticToken;

public sealed record EqualsToken : ArithmeticToken;

public sealed record WordToken(string Word) : ArithmeticToken;

/// <summary>Punctuation that ends a clause (".", ",", ";", "?", a line break): a calculation never runs across it.</summary>
public sealed record StopToken : ArithmeticToken;

/// <summary>A calculation written in text: its arithmetic tokens (numbers, operators, parentheses) and its value.</summary>
/// <param name="Written">The result written after "=", when there is one.</param>
public sealed record WrittenCalculation(IReadOnlyList<ArithmeticToken> Tokens, decimal Value, decimal? Written)
{
    public IReadOnlyList<decimal> Operands => Tokens.OfType<NumberToken>().Select(t => t.Value).ToList();

    public IReadOnlyList<char> Operators => Tokens.OfType<OperatorToken>().Select(t => t.Operator).ToList();

    /// <summary>"8 × 2", as a student writes it back.</summary>
    public string Display() => string.Join(" ", Tokens.Select(t => t switch
    {
        NumberToken n => StudentArithmetic.Format(n.Value),
        OperatorToken o => StudentArithmetic.Sign(o.Operator),
        ParenthesisToken p => p.Opens ? "(" : ")",
        _ => "",
    })).Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal);
}

/// <summary>
/// The simulated student's own reading of written arithmetic ("12+3=15", "3 bids * $50 per bid = $150", "2 × 6",
/// "$3,650 × 10%"). It is deliberately separate from the tutor's number reader: a student that shared the tutor's
/// parser would share its blind spots, and the harness would measure nothing about them.
/// </summary>
public static partial class StudentArithmetic
{
    // Unit words may sit between a number and its operator ("10 tickets on glow bracelets + ..."): at most this many.
    private const int MaxUnitWords = 5;

    public static string Format(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    public static string Sign(char op) => op switch { '*' => "×", '/' => "÷", _ => op.ToString() };

    public static IReadOnlyList<ArithmeticToken> Tokenize(string text)
    {
        var tokens = new List<ArithmeticToken>();
        var letterX = new List<bool>();
        foreach (Match match in TokenPattern().Matches(text))
        {
            letterX.Add(match.Value is "x" or "X");
            if (match.Groups["number"].Success)
            {
                var digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal).TrimStart('$', '£', '€').Trim();
                if (!decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                {
                    tokens.Add(new StopToken());
                    continue;
                }
                tokens.Add(new NumberToken(match.Groups["percent"].Success ? value / 100m : value));
            }
            else if (match.Groups["op"].Success)
            {
                tokens.Add(new OperatorToken(match.Value switch
                {
                    "×" or "*" or "x" or "X" or "·" => '*',
                    "÷" or "/" => '/',
                    "−" or "–" or "-" => '-',
                    _ => match.Value[0],
                }));
            }
            else if (match.Groups["paren"].Success)
            {
                tokens.Add(new ParenthesisToken(match.Value == "("));
            }
            else if (match.Value == "=")
            {
                tokens.Add(new EqualsToken());
            }
            else if (match.Groups["word"].Success)
            {
                tokens.Add(new WordToken(match.Value.ToLowerInvariant()));
            }
            else
            {
                tokens.Add(new StopToken());
            }
        }
        // "objects/week" is a rate written as a unit, not a division.
        for (var i = 1; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] is OperatorToken { Operator: '/' } && tokens[i - 1] is WordToken && tokens[i + 1] is WordToken)
            {
                tokens[i] = new WordToken("per");
            }
        }
        // A lone "x" between two numbers is a times sign; anywhere else it is a word ("x + 5 = 9" names an unknown).
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is OperatorToken { Operator: '*' } && !(i > 0 && i + 1 < tokens.Count && tokens[i - 1] is NumberToken or ParenthesisToken { Opens: false }
                && tokens[i + 1] is NumberToken or ParenthesisToken { Opens: true }) && letterX[i])
            {
                tokens[i] = new WordToken("x");
            }
        }
        return tokens;
    }

    /// <summary>Every "expression = number" in the text, each with the value of its left side.</summary>
    /// <param name="verify">Keep only calculations whose left side gives the written result (a worked solution); a
    /// student's own lines are kept as written.</param>
    public static IReadOnlyList<WrittenCalculation> Equations(string text, bool verify)
    {
        var tokens = Tokenize(text);
        var found = new List<WrittenCalculation>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i] is not EqualsToken || i + 1 >= tokens.Count || tokens[i + 1] is not NumberToken result)
            {
                continue;
            }
            var left = LeftSide(tokens, i);
            // Drop leading tokens until the left side is a calculation that works (or, unverified, that evaluates).
            while (left.Count >= 3)
            {
                if (left[0] is NumberToken or ParenthesisToken { Opens: true } && Evaluate(left) is { } value
                    && left.Any(t => t is OperatorToken) && (!verify || Agrees(value, result.Value)))
                {
                    found.Add(new WrittenCalculation(left, value, result.Value));
                    break;
                }
                left = left.Skip(1).ToList();
            }
        }
        return found;
    }

    /// <summary>Arithmetic written out without a result ("2 × 6", "what is 48 ÷ 2?"): the longest runs with an operator.</summary>
    public static IReadOnlyList<WrittenCalculation> Expressions(string text)
    {
        var tokens = Tokenize(text);
        var found = new List<WrittenCalculation>();
        var run = new List<ArithmeticToken>();
        void Close()
        {
            while (run.Count > 0 && run[^1] is OperatorToken or ParenthesisToken { Opens: true })
            {
                run.RemoveAt(run.Count - 1);
            }
            while (run.Count > 0 && run[0] is OperatorToken or ParenthesisToken { Opens: false })
            {
                run.RemoveAt(0);
            }
            if (run.Count >= 3 && run.Any(t => t is OperatorToken) && Evaluate(run) is { } value)
            {
                found.Add(new WrittenCalculation(run.ToList(), value, null));
            }
            run.Clear();
        }
        foreach (var token in tokens)
        {
            if (token is NumberToken or OperatorToken or ParenthesisToken)
            {
                run.Add(token);
            }
            else
            {
                Close();
            }
        }
        Close();
        return found;
    }

    /// <summary>The value of number/operator/parenthesis tokens with the usual precedence; null when malformed.</summary>
    public static decimal? Evaluate(IReadOnlyList<ArithmeticToken> tokens)
    {
        var values = new Stack<decimal>();
        var operators = new Stack<ArithmeticToken>();
        var expectOperand = true;
        try
        {
            foreach (var token in tokens)
            {
                switch (token)
                {
                    case NumberToken number when expectOperand:
                        values.Push(number.Value);
                        expectOperand = false;
                        break;
                    case ParenthesisToken { Opens: true } when expectOperand:
                        operators.Push(token);
                        break;
                    case ParenthesisToken { Opens: false } when !expectOperand:
                        while (operators.Count > 0 && operators.Peek() is OperatorToken)
                        {
                            Apply(values, ((OperatorToken)operators.Pop()).Operator);
                        }
                        if (operators.Count == 0)
                        {
                            return null;
                        }
                        operators.Pop();
                        break;
                    case OperatorToken op when !expectOperand:
                        while (operators.Count > 0 && operators.Peek() is OperatorToken top && Precedence(top.Operator) >= Precedence(op.Operator))
                        {
                            Apply(values, ((OperatorToken)operators.Pop()).Operator);
                        }
                        operators.Push(op);
                        expectOperand = true;
                        break;
                    default:
                        return null;
                }
            }
            if (expectOperand)
            {
                return null;
            }
            while (operators.Count > 0)
            {
                if (operators.Pop() is not OperatorToken op)
                {
                    return null;
                }
                Apply(values, op.Operator);
            }
            return values.Count == 1 ? values.Pop() : null;
        }
        catch (Exception e) when (e is DivideByZeroException or OverflowException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Worked solutions round (16 ÷ 3 = 5.33): a written result agrees within half a cent or 0.5%.</summary>
    public static bool Agrees(decimal computed, decimal written) =>
        Math.Abs(computed - written) <= Math.Max(0.005m, Math.Abs(written) * 0.005m);

    private static int Precedence(char op) => op is '*' or '/' ? 2 : 1;

    private static void Apply(Stack<decimal> values, char op)
    {
        var right = values.Pop();
        var left = values.Pop();
        values.Push(op switch
        {
            '+' => left + right,
            '-' => left - right,
            '*' => left * right,
            _ => left / right,
        });
    }

    /// <summary>The arithmetic just left of an "=": numbers, operators and parentheses, skipping unit words beside numbers.</summary>
    private static List<ArithmeticToken> LeftSide(IReadOnlyList<ArithmeticToken> tokens, int equals)
    {
        var left = new List<ArithmeticToken>();
        var j = equals - 1;
        while (j >= 0)
        {
            var token = tokens[j];
            if (token is NumberToken or OperatorToken or ParenthesisToken)
            {
                left.Insert(0, token);
                j--;
                continue;
            }
            if (token is not WordToken)
            {
                break;
            }
            // Words are skipped only between a number (on their left) and an operator or the "=" (on their right).
            var k = j;
            while (k >= 0 && tokens[k] is WordToken && j - k < MaxUnitWords)
            {
                k--;
            }
            var rightSideOk = left.Count == 0 || left[0] is OperatorToken;
            if (k >= 0 && tokens[k] is NumberToken or ParenthesisToken { Opens: false } && rightSideOk)
            {
                j = k;
                continue;
            }
            break;
        }
        return left;
    }

    [GeneratedRegex(@"(?<number>(?<![\w.])[$£€]?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?<percent>\s?%)?|(?<op>[+×*·÷/−–-]|\b[xX]\b)|(?<paren>[()])|=|(?<word>[A-Za-z][A-Za-z']*)|[.,;:?!\n<>]")]
    private static partial Regex TokenPattern();
}
