using System.Text;

namespace TutorApp.Domain.Content.Import;

internal abstract record ExpressionNode;

internal sealed record NumberNode(decimal Value, bool IsPercent) : ExpressionNode;

/// <param name="Operator">One of + - * / ^.</param>
internal sealed record BinaryNode(char Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode;

internal sealed record NegationNode(ExpressionNode Operand) : ExpressionNode;

/// <summary>A parsed calculation such as <c>48/2</c> or <c>3 bids * $50 per bid</c> (words dropped).</summary>
internal sealed class ArithmeticExpression
{
    private ArithmeticExpression(ExpressionNode root)
    {
        Root = root;
        Operands = CollectOperands(root).ToList();
        Operators = CollectOperators(root).Distinct().ToList();
    }

    public ExpressionNode Root { get; }

    /// <summary>The numbers the calculation combines, at face value, in reading order.</summary>
    public IReadOnlyList<decimal> Operands { get; }

    /// <summary>The distinct operators used, in reading order.</summary>
    public IReadOnlyList<char> Operators { get; }

    public bool HasOperator => Operators.Count > 0;

    /// <summary>Parses numbers, operators and parentheses (other tokens must be removed first); null when malformed.</summary>
    public static ArithmeticExpression? TryParse(IReadOnlyList<MathToken> tokens)
    {
        if (tokens.Count == 0)
        {
            return null;
        }
        var parser = new Parser(tokens);
        var root = parser.ParseSum();
        return root is null || !parser.AtEnd ? null : new ArithmeticExpression(root);
    }

    public static ArithmeticExpression? TryParse(string text) =>
        TryParse(MathText.Tokenize(text));

    /// <summary>
    /// The value, or null on division by zero or overflow. A percentage is read as a fraction
    /// (40% + 20% = 0.6) or, when <paramref name="percentAsFraction"/> is false, at face value.
    /// </summary>
    public decimal? Evaluate(bool percentAsFraction = true)
    {
        try
        {
            return Evaluate(Root, percentAsFraction);
        }
        catch (OverflowException)
        {
            return null;
        }
        catch (DivideByZeroException)
        {
            return null;
        }
    }

    /// <summary>The calculation as a person would write it: "48 ÷ 2", "(5 + 3) × 2".</summary>
    public string Display() => Display(Root);

    /// <summary>
    /// The operation done first and the two numbers it combines (for "which operation?" questions about a
    /// calculation that mixes operations); null when there is no operation.
    /// </summary>
    public BinaryNode? FirstOperation() => FirstOperation(Root);

    public static string OperatorSign(char op) => op switch
    {
        '*' => "×",
        '/' => "÷",
        '-' => "−",
        _ => op.ToString(),
    };

    public static string Display(ExpressionNode node) => node switch
    {
        NumberNode number => MathText.Format(number.Value) + (number.IsPercent ? "%" : ""),
        NegationNode negation => "−" + Wrap(negation.Operand, needsParentheses: negation.Operand is BinaryNode),
        BinaryNode binary => new StringBuilder()
            .Append(Wrap(binary.Left, Precedence(binary.Left) < Precedence(binary)))
            .Append(' ').Append(OperatorSign(binary.Operator)).Append(' ')
            .Append(Wrap(binary.Right, Precedence(binary.Right) < Precedence(binary)
                || (Precedence(binary.Right) == Precedence(binary) && binary.Operator is '-' or '/' or '^')))
            .ToString(),
        _ => "",
    };

    private static string Wrap(ExpressionNode node, bool needsParentheses) =>
        needsParentheses ? "(" + Display(node) + ")" : Display(node);

    private static int Precedence(ExpressionNode node) => node switch
    {
        BinaryNode { Operator: '+' or '-' } => 1,
        BinaryNode { Operator: '*' or '/' } => 2,
        BinaryNode => 3,
        _ => 4,
    };

    private static BinaryNode? FirstOperation(ExpressionNode node) => node switch
    {
        BinaryNode binary => FirstOperation(binary.Left) ?? FirstOperation(binary.Right) ?? binary,
        NegationNode negation => FirstOperation(negation.Operand),
        _ => null,
    };

    private static decimal Evaluate(ExpressionNode node, bool percentAsFraction) => node switch
    {
        NumberNode number => number.IsPercent && percentAsFraction ? number.Value / 100m : number.Value,
        NegationNode negation => -Evaluate(negation.Operand, percentAsFraction),
        BinaryNode binary => Apply(binary.Operator, Evaluate(binary.Left, percentAsFraction), Evaluate(binary.Right, percentAsFraction)),
        _ => throw new InvalidOperationException("unknown expression node"),
    };

    private static decimal Apply(char op, decimal left, decimal right) => op switch
    {
        '+' => left + right,
        '-' => left - right,
        '*' => left * right,
        '/' => left / right,
        '^' => Power(left, right),
        _ => throw new InvalidOperationException($"unknown operator {op}"),
    };

    private static decimal Power(decimal baseValue, decimal exponent)
    {
        // Word problems only square and cube things; anything else is treated as unreadable.
        if (exponent != decimal.Truncate(exponent) || exponent < 0 || exponent > 10)
        {
            throw new OverflowException("unsupported exponent");
        }
        var result = 1m;
        for (var i = 0; i < (int)exponent; i++)
        {
            result *= baseValue;
        }
        return result;
    }

    private static IEnumerable<decimal> CollectOperands(ExpressionNode node) => node switch
    {
        NumberNode number => [number.Value],
        NegationNode negation => CollectOperands(negation.Operand),
        BinaryNode binary => CollectOperands(binary.Left).Concat(CollectOperands(binary.Right)),
        _ => [],
    };

    private static IEnumerable<char> CollectOperators(ExpressionNode node) => node switch
    {
        NegationNode negation => CollectOperators(negation.Operand),
        BinaryNode binary => CollectOperators(binary.Left).Append(binary.Operator).Concat(CollectOperators(binary.Right)),
        _ => [],
    };

    /// <summary>Recursive descent: sums of products of powers; "40(.10)" and ")(" multiply.</summary>
    private sealed class Parser(IReadOnlyList<MathToken> tokens)
    {
        private int _position;

        public bool AtEnd => _position == tokens.Count;

        private MathToken? Current => _position < tokens.Count ? tokens[_position] : null;

        public ExpressionNode? ParseSum()
        {
            var left = ParseProduct();
            while (left is not null && Current is { Kind: MathTokenKind.Operator, Operator: '+' or '-' } op)
            {
                _position++;
                var right = ParseProduct();
                left = right is null ? null : new BinaryNode(op.Operator, left, right);
            }
            return left;
        }

        private ExpressionNode? ParseProduct()
        {
            var left = ParsePower();
            while (left is not null)
            {
                if (Current is { Kind: MathTokenKind.Operator, Operator: '*' or '/' } op)
                {
                    _position++;
                    var right = ParsePower();
                    left = right is null ? null : new BinaryNode(op.Operator, left, right);
                }
                else if (Current is { Kind: MathTokenKind.OpenParen }
                    || (Current is { Kind: MathTokenKind.Number } && tokens[_position - 1].Kind == MathTokenKind.CloseParen))
                {
                    var right = ParsePower();
                    left = right is null ? null : new BinaryNode('*', left, right);
                }
                else
                {
                    break;
                }
            }
            return left;
        }

        private ExpressionNode? ParsePower()
        {
            var baseNode = ParseUnary();
            if (baseNode is not null && Current is { Kind: MathTokenKind.Operator, Operator: '^' })
            {
                _position++;
                var exponent = ParsePower();
                return exponent is null ? null : new BinaryNode('^', baseNode, exponent);
            }
            return baseNode;
        }

        private ExpressionNode? ParseUnary()
        {
            if (Current is { Kind: MathTokenKind.Operator, Operator: '-' })
            {
                _position++;
                var operand = ParseUnary();
                return operand is null ? null : new NegationNode(operand);
            }
            return ParsePrimary();
        }

        private ExpressionNode? ParsePrimary()
        {
            var token = Current;
            if (token is null)
            {
                return null;
            }
            if (token.Kind == MathTokenKind.Number)
            {
                _position++;
                return new NumberNode(token.Value, token.IsPercent);
            }
            if (token.Kind == MathTokenKind.OpenParen)
            {
                _position++;
                var inner = ParseSum();
                if (inner is null || Current?.Kind != MathTokenKind.CloseParen)
                {
                    return null;
                }
                _position++;
                return inner;
            }
            return null;
        }
    }
}
