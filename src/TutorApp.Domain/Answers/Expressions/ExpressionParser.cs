namespace TutorApp.Domain.Answers.Expressions;

/// <param name="Names">Every variable name used, known or not, as the spec spells it (or as typed, when unknown).</param>
internal sealed record ParsedExpression(ExpressionNode Root, IReadOnlySet<string> Names);

/// <summary>Either an expression or the reason the text is not one.</summary>
internal sealed record ExpressionParseResult(ParsedExpression? Expression, string? Error);

/// <summary>
/// Recursive-descent parser for school algebra:
/// <code>
/// expression := product (('+' | '-') product)*
/// product    := signed (('*' | '/') signed | power)*      -- the bare power is implicit multiplication: 2x, 3(x+1), (x+1)(x-1)
/// signed     := ('+' | '-') signed | power                  -- so -x^2 is -(x^2)
/// power      := primary superscript? ('^' signed)?          -- right-associative: 2^3^2 is 2^9
/// primary    := number | variable | constant | '(' expression ')' | function '(' expression ')' | '√' power
/// </code>
/// Implicit multiplication only starts at a name, function or '(' — "2 3" and "x2" are errors rather than guesses.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Student text is untrusted: longer input is refused before any work is done.</summary>
    public const int MaxLength = 500;

    /// <summary>Bounds the recursion, counting parentheses, function calls, signs and exponents.</summary>
    public const int MaxNesting = 50;

    private readonly List<ExpressionToken> _tokens;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _next;
    private int _nesting;

    private ExpressionParser(List<ExpressionToken> tokens) => _tokens = tokens;

    /// <param name="start">Where the expression begins, e.g. after "y =" in the student's text.</param>
    public static ExpressionParseResult Parse(string text, ExpressionVocabulary vocabulary, int start = 0)
    {
        if (text.Length > MaxLength)
        {
            return new ExpressionParseResult(null, $"longer than {MaxLength} characters");
        }
        try
        {
            var parser = new ExpressionParser(ExpressionTokenizer.Tokenize(text, start, vocabulary));
            var root = parser.ParseWhole();
            return new ExpressionParseResult(new ParsedExpression(root, parser._names), null);
        }
        catch (ExpressionSyntaxException exception)
        {
            return new ExpressionParseResult(null, exception.Message);
        }
    }

    private ExpressionToken Current => _tokens[_next];

    private ExpressionNode ParseWhole()
    {
        if (Current.Kind == TokenKind.End)
        {
            throw new ExpressionSyntaxException("there is no expression");
        }
        var root = ParseExpression();
        if (Current.Kind != TokenKind.End)
        {
            throw Unexpected(Current);
        }
        return root;
    }

    private ExpressionNode ParseExpression()
    {
        var left = ParseProduct();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var operation = Advance().Kind == TokenKind.Plus ? BinaryOperator.Add : BinaryOperator.Subtract;
            left = new BinaryNode(operation, left, ParseProduct());
        }
        return left;
    }

    private ExpressionNode ParseProduct()
    {
        var left = ParseSigned();
        while (true)
        {
            if (Current.Kind is TokenKind.Times or TokenKind.Divide)
            {
                var operation = Advance().Kind == TokenKind.Times ? BinaryOperator.Multiply : BinaryOperator.Divide;
                left = new BinaryNode(operation, left, ParseSigned());
            }
            else if (Current.StartsImplicitFactor)
            {
                left = new BinaryNode(BinaryOperator.Multiply, left, ParsePower());
            }
            else
            {
                return left;
            }
        }
    }

    private ExpressionNode ParseSigned()
    {
        if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus))
        {
            return ParsePower();
        }
        var sign = Advance();
        Enter(sign);
        var operand = ParseSigned();
        _nesting--;
        return sign.Kind == TokenKind.Minus ? new NegationNode(operand) : operand;
    }

    private ExpressionNode ParsePower()
    {
        var node = ParsePrimary();
        if (Current.Kind == TokenKind.Superscript)
        {
            node = new BinaryNode(BinaryOperator.Power, node, new NumberNode(Advance().Number));
        }
        if (Current.Kind == TokenKind.Power)
        {
            var power = Advance();
            Enter(power);
            node = new BinaryNode(BinaryOperator.Power, node, ParseSigned());
            _nesting--;
        }
        return node;
    }

    private ExpressionNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
            case TokenKind.Constant:
                Advance();
                return new NumberNode(token.Number);
            case TokenKind.Variable:
                Advance();
                _names.Add(token.Name!);
                return new VariableNode(token.Name!);
            case TokenKind.OpenParenthesis:
                return ParseParenthesized();
            case TokenKind.Function:
                return ParseFunction();
            case TokenKind.End:
                throw EndedEarly();
            default:
                throw Unexpected(token);
        }
    }

    private ExpressionNode ParseParenthesized()
    {
        var open = Advance();
        Enter(open);
        var inner = ParseExpression();
        Close(open);
        _nesting--;
        return inner;
    }

    private FunctionNode ParseFunction()
    {
        var function = Advance();
        Enter(function);
        ExpressionNode argument;
        if (function.IsRadicalSign)
        {
            argument = ParsePower();
        }
        else if (Current.Kind == TokenKind.OpenParenthesis)
        {
            argument = ParseParenthesized();
        }
        else
        {
            throw new ExpressionSyntaxException($"'{function.Text}' at position {function.Position} needs '(' after it");
        }
        _nesting--;
        return new FunctionNode(function.Function, argument);
    }

    private void Close(ExpressionToken open)
    {
        if (Current.Kind == TokenKind.CloseParenthesis)
        {
            Advance();
            return;
        }
        throw Current.Kind == TokenKind.End
            ? new ExpressionSyntaxException($"the '(' at position {open.Position} is never closed")
            : Unexpected(Current);
    }

    private void Enter(ExpressionToken token)
    {
        if (++_nesting > MaxNesting)
        {
            throw new ExpressionSyntaxException($"nested more than {MaxNesting} levels deep at position {token.Position}");
        }
    }

    private ExpressionToken Advance() => _tokens[_next++];

    private ExpressionSyntaxException EndedEarly()
    {
        var last = _tokens[_next - 1];
        return new ExpressionSyntaxException($"something is missing after '{last.Text}' at position {last.Position}");
    }

    private static ExpressionSyntaxException Unexpected(ExpressionToken token) =>
        new($"unexpected '{token.Text}' at position {token.Position}");
}
