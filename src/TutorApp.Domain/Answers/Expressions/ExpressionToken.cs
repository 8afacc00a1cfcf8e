namespace TutorApp.Domain.Answers.Expressions;

internal enum TokenKind
{
    Number,
    Variable,
    Constant,
    Function,
    Plus,
    Minus,
    Times,
    Divide,
    Power,
    /// <summary>Superscript digits such as ² in x²; <see cref="ExpressionToken.Number"/> holds the exponent.</summary>
    Superscript,
    OpenParenthesis,
    CloseParenthesis,
    End,
}

/// <param name="Text">The token as typed, quoted back in error messages.</param>
/// <param name="Index">Zero-based index of the first character in the whole input.</param>
/// <param name="Number">The value of a number, constant or superscript.</param>
/// <param name="Name">The variable's name as the spec spells it, or the unknown name as typed.</param>
/// <param name="Function">The function, for <see cref="TokenKind.Function"/>.</param>
/// <param name="IsRadicalSign">A √ takes the next factor without parentheses; sqrt needs them.</param>
internal sealed record ExpressionToken(
    TokenKind Kind,
    string Text,
    int Index,
    double Number = 0,
    string? Name = null,
    MathFunction Function = default,
    bool IsRadicalSign = false)
{
    /// <summary>Positions in messages count from 1, as a person reading the input would.</summary>
    public int Position => Index + 1;

    /// <summary>Tokens that can follow a factor directly and multiply it: 2x, 3(x+1), (x+1)(x-1), 2√x, 2π.</summary>
    public bool StartsImplicitFactor =>
        Kind is TokenKind.Variable or TokenKind.Constant or TokenKind.Function or TokenKind.OpenParenthesis;
}

/// <summary>The input is not a well-formed expression; the message says what and where, for authors and students.</summary>
internal sealed class ExpressionSyntaxException(string message) : Exception(message);
