using System.Globalization;

namespace TutorApp.Domain.Answers.Expressions;

internal static class ExpressionTokenizer
{
    private const string _superscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <param name="start">Where the expression begins in <paramref name="text"/>; positions in messages stay those of the whole text.</param>
    /// <exception cref="ExpressionSyntaxException">A character that no token can start with.</exception>
    public static List<ExpressionToken> Tokenize(string text, int start, ExpressionVocabulary vocabulary)
    {
        var tokens = new List<ExpressionToken>();
        var index = start;
        while (index < text.Length)
        {
            var character = text[index];
            if (char.IsWhiteSpace(character))
            {
                index++;
            }
            else if (char.IsAsciiDigit(character) || (character == '.' && index + 1 < text.Length && char.IsAsciiDigit(text[index + 1])))
            {
                index = ReadNumber(text, index, tokens);
            }
            else if (char.IsLetter(character))
            {
                index = ReadWord(text, index, vocabulary, tokens);
            }
            else if (_superscriptDigits.Contains(character))
            {
                index = ReadSuperscript(text, index, tokens);
            }
            else if (character == '*' && index + 1 < text.Length && text[index + 1] == '*')
            {
                // x**2, as in spreadsheets and programming languages.
                tokens.Add(new ExpressionToken(TokenKind.Power, "**", index));
                index += 2;
            }
            else
            {
                tokens.Add(ReadSymbol(text, index));
                index++;
            }
        }
        tokens.Add(new ExpressionToken(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static ExpressionToken ReadSymbol(string text, int index)
    {
        var character = text[index];
        var kind = character switch
        {
            '+' => TokenKind.Plus,
            '-' or '−' or '–' => TokenKind.Minus,
            '*' or '×' or '·' or '⋅' or '∙' => TokenKind.Times,
            '/' or '÷' => TokenKind.Divide,
            '^' => TokenKind.Power,
            '(' => TokenKind.OpenParenthesis,
            ')' => TokenKind.CloseParenthesis,
            '√' => TokenKind.Function,
            _ => throw new ExpressionSyntaxException($"unexpected '{Quote(text, index)}' at position {index + 1}"),
        };
        return kind == TokenKind.Function
            ? new ExpressionToken(kind, "√", index, Function: MathFunction.SquareRoot, IsRadicalSign: true)
            : new ExpressionToken(kind, character.ToString(), index);
    }

    private static int ReadNumber(string text, int start, List<ExpressionToken> tokens)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }
        if (end < text.Length && text[end] == '.')
        {
            end++;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }
        }
        var digits = text[start..end];
        // Only digits and one point are read, so parsing cannot fail; a huge number becomes infinity and counts as undefined.
        var value = double.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        tokens.Add(new ExpressionToken(TokenKind.Number, digits, start, value));
        return end;
    }

    private static int ReadSuperscript(string text, int start, List<ExpressionToken> tokens)
    {
        var end = start;
        var exponent = 0d;
        while (end < text.Length && _superscriptDigits.IndexOf(text[end]) is var digit and >= 0)
        {
            exponent = exponent * 10 + digit;
            end++;
        }
        tokens.Add(new ExpressionToken(TokenKind.Superscript, text[start..end], start, exponent));
        return end;
    }

    /// <summary>
    /// Reads a run of letters as the names it is made of: with variables x and y, "xy" is x times y and "2xy" is 2 times x
    /// times y, as in written algebra; a variable called "rate" is still one name.
    /// </summary>
    private static int ReadWord(string text, int start, ExpressionVocabulary vocabulary, List<ExpressionToken> tokens)
    {
        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }
        var word = text[start..end];
        var pieces = SplitIntoNames(word, vocabulary);
        if (vocabulary.UnknownWordsAreNames && pieces.Any(IsUnknownLetter))
        {
            // The author most likely meant one more variable; name all of it in the message rather than its letters.
            tokens.Add(new ExpressionToken(TokenKind.Variable, word, start, Name: word));
            return end;
        }
        if (word.Length > 1 && pieces.All(IsUnknownLetter))
        {
            throw new ExpressionSyntaxException($"unknown word '{word}' at position {start + 1}");
        }

        foreach (var piece in pieces)
        {
            var spelling = word.Substring(piece.Offset, piece.Length);
            var index = start + piece.Offset;
            tokens.Add(piece.Kind switch
            {
                TokenKind.Function => new ExpressionToken(TokenKind.Function, spelling, index, Function: piece.Function),
                TokenKind.Constant => new ExpressionToken(TokenKind.Constant, spelling, index, piece.Value),
                // A letter that is no known name is still a variable, just the wrong one; the checker decides what that means.
                _ => new ExpressionToken(TokenKind.Variable, spelling, index, Name: piece.Name ?? spelling),
            });
        }
        return end;
    }

    /// <param name="Name">The variable's canonical name, or null for a single letter that is no known name.</param>
    private sealed record WordPiece(int Offset, int Length, TokenKind Kind, string? Name = null, MathFunction Function = default, double Value = 0);

    private static bool IsUnknownLetter(WordPiece piece) => piece.Kind == TokenKind.Variable && piece.Name is null;

    /// <summary>
    /// Splits a word into known names and left-over single letters, with as few left-over letters as possible and then as few
    /// pieces as possible, so the longest names win ("rate" over r·a·t·e when both exist).
    /// </summary>
    private static List<WordPiece> SplitIntoNames(string word, ExpressionVocabulary vocabulary)
    {
        // best[i]: the cheapest split of word[i..] as (unknown letters, pieces), and its first piece.
        var best = new (int UnknownLetters, int Pieces, WordPiece? First)[word.Length + 1];
        best[word.Length] = (0, 0, null);
        for (var offset = word.Length - 1; offset >= 0; offset--)
        {
            var unknownLetter = new WordPiece(offset, 1, TokenKind.Variable);
            best[offset] = (best[offset + 1].UnknownLetters + 1, best[offset + 1].Pieces + 1, unknownLetter);
            var longest = Math.Min(vocabulary.LongestName, word.Length - offset);
            for (var length = 1; length <= longest; length++)
            {
                if (KnownPiece(word.Substring(offset, length), offset, vocabulary) is not { } piece)
                {
                    continue;
                }
                var rest = best[offset + length];
                var candidate = (UnknownLetters: rest.UnknownLetters, Pieces: rest.Pieces + 1);
                if (candidate.CompareTo((best[offset].UnknownLetters, best[offset].Pieces)) < 0)
                {
                    best[offset] = (candidate.UnknownLetters, candidate.Pieces, piece);
                }
            }
        }

        var pieces = new List<WordPiece>();
        for (var offset = 0; offset < word.Length;)
        {
            var piece = best[offset].First!;
            pieces.Add(piece);
            offset += piece.Length;
        }
        return pieces;
    }

    private static WordPiece? KnownPiece(string spelling, int offset, ExpressionVocabulary vocabulary)
    {
        if (vocabulary.Variable(spelling) is { } variable)
        {
            return new WordPiece(offset, spelling.Length, TokenKind.Variable, Name: variable);
        }
        if (ExpressionVocabulary.TryFunction(spelling, out var function))
        {
            return new WordPiece(offset, spelling.Length, TokenKind.Function, Function: function);
        }
        if (ExpressionVocabulary.TryConstant(spelling, out var value))
        {
            return new WordPiece(offset, spelling.Length, TokenKind.Constant, Value: value);
        }
        return null;
    }

    // A lone surrogate or control character would garble the message; show its code instead.
    private static string Quote(string text, int index) =>
        char.IsControl(text[index]) || char.IsSurrogate(text[index]) ? $"U+{(int)text[index]:X4}" : text[index].ToString();
}
