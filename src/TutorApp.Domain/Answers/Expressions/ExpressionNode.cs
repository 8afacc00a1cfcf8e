namespace TutorApp.Domain.Answers.Expressions;

/// <summary>
/// A parsed expression. Values are doubles, not decimals: equivalence is decided by evaluating at sample points,
/// and powers and square roots have no exact decimal result anyway.
/// </summary>
internal abstract record ExpressionNode
{
    /// <returns>The value, or NaN or an infinity where the expression is undefined (division by zero, square root of a negative).</returns>
    public abstract double Evaluate(IReadOnlyDictionary<string, double> variableValues);
}

internal sealed record NumberNode(double Value) : ExpressionNode
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variableValues) => Value;
}

internal sealed record VariableNode(string Name) : ExpressionNode
{
    // A name without a value cannot be evaluated; NaN makes the sample point count as undefined rather than throwing.
    public override double Evaluate(IReadOnlyDictionary<string, double> variableValues) =>
        variableValues.TryGetValue(Name, out var value) ? value : double.NaN;
}

internal sealed record NegationNode(ExpressionNode Operand) : ExpressionNode
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variableValues) => -Operand.Evaluate(variableValues);
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

internal sealed record BinaryNode(BinaryOperator Operator, ExpressionNode Left, ExpressionNode Right) : ExpressionNode
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variableValues)
    {
        var left = Left.Evaluate(variableValues);
        var right = Right.Evaluate(variableValues);
        return Operator switch
        {
            BinaryOperator.Add => left + right,
            BinaryOperator.Subtract => left - right,
            BinaryOperator.Multiply => left * right,
            // IEEE division by zero gives an infinity, or NaN for 0/0; say "undefined" the same way for both.
            BinaryOperator.Divide => right == 0 ? double.NaN : left / right,
            BinaryOperator.Power => Math.Pow(left, right),
            _ => throw new InvalidOperationException($"unknown operator {Operator}"),
        };
    }
}

internal enum MathFunction
{
    SquareRoot,
    AbsoluteValue,
}

internal sealed record FunctionNode(MathFunction Function, ExpressionNode Argument) : ExpressionNode
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variableValues)
    {
        var argument = Argument.Evaluate(variableValues);
        return Function switch
        {
            MathFunction.SquareRoot => Math.Sqrt(argument),
            MathFunction.AbsoluteValue => Math.Abs(argument),
            _ => throw new InvalidOperationException($"unknown function {Function}"),
        };
    }
}
