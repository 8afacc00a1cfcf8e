namespace TutorApp.Tutoring.Evaluation;

internal enum TokenKind
{
    /// <summary>A run of digits, with thousands commas ("1,250") and a decimal part ("12.5") when written.</summary>
    Digits,
    /// <summary>Letters, with inner apostrophes and hyphens ("don't", "twenty-four"), lower-cased.</summary>
    Word,
    /// <summary>Any other single visible character; minus-like dashes are normalised to '-'.</summary>
    Symbol,
}

/// <param name="Start">Index of the first character in the text.</param>
/// <param name="End">Index just after the last character.</param>
internal readonly record struct TextToken(TokenKind Kind, string Text, int Start, int End)
{
    public bool IsSymbol(char symbol) => Kind == TokenKind.Symbol && Text[0] == symbol;

    public bool IsWord(string word) => Kind == TokenKind.Word && Text == word;
}

/// <summary>
/// Splits a message into digits, words and symbols by hand: student text is untrusted, and a linear scan has no
/// backtracking to exploit.
/// </summary>
internal static class TextTokenizer
{
    public static List<TextToken> Tokenize(string text)
    {
        var tokens = new List<TextToken>();
        var index = 0;
        while (index < text.Length)
        {
            var character = text[index];
            if (char.IsWhiteSpace(character) || char.IsControl(character))
            {
                index++;
            }
            else if (char.IsAsciiDigit(character) || (character == '.' && NextIsDigit(text, index) && !PreviousIsDigit(text, index)))
            {
                index = ReadDigits(text, index, tokens);
            }
            else if (char.IsLetter(character))
            {
                index = ReadWord(text, index, tokens);
            }
            else
            {
                // Surrogate pairs (emoji) become one symbol so no half character is ever handled alone.
                var length = char.IsHighSurrogate(character) && index + 1 < text.Length ? 2 : 1;
                tokens.Add(new TextToken(TokenKind.Symbol, NormalizeSymbol(text.Substring(index, length)), index, index + length));
                index += length;
            }
        }
        return tokens;
    }

    private static bool NextIsDigit(string text, int index) => index + 1 < text.Length && char.IsAsciiDigit(text[index + 1]);

    private static bool PreviousIsDigit(string text, int index) => index > 0 && char.IsAsciiDigit(text[index - 1]);

    private static int ReadDigits(string text, int start, List<TextToken> tokens)
    {
        var index = start;
        while (index < text.Length && char.IsAsciiDigit(text[index]))
        {
            index++;
        }
        // Thousands separators only in the English pattern 1,250,000: a first group of at most three digits, then exact
        // groups of three. "8,2" is a list of two numbers, not a decimal comma.
        if (index - start is > 0 and <= 3)
        {
            while (index + 3 < text.Length && text[index] == ','
                && char.IsAsciiDigit(text[index + 1]) && char.IsAsciiDigit(text[index + 2]) && char.IsAsciiDigit(text[index + 3])
                && (index + 4 >= text.Length || !char.IsAsciiDigit(text[index + 4])))
            {
                index += 4;
            }
        }
        if (index < text.Length - 1 && text[index] == '.' && char.IsAsciiDigit(text[index + 1]))
        {
            index++;
            while (index < text.Length && char.IsAsciiDigit(text[index]))
            {
                index++;
            }
        }
        tokens.Add(new TextToken(TokenKind.Digits, text[start..index], start, index));
        return index;
    }

    private static int ReadWord(string text, int start, List<TextToken> tokens)
    {
        var index = start + 1;
        while (index < text.Length)
        {
            var character = text[index];
            if (char.IsLetter(character))
            {
                index++;
            }
            else if (character is '\'' or '\u2019' or '-' && index + 1 < text.Length && char.IsLetter(text[index + 1]))
            {
                index += 2;
            }
            else
            {
                break;
            }
        }
        var word = text[start..index].Replace('\u2019', '\'').ToLowerInvariant();
        tokens.Add(new TextToken(TokenKind.Word, word, start, index));
        return index;
    }

    private static string NormalizeSymbol(string symbol) => symbol switch
    {
        "\u2212" or "\u2013" => "-", // minus sign and en dash, as phones and word processors type them
        "\u00d7" or "\u00b7" or "\u22c5" or "\u2219" => "*",
        _ => symbol,
    };
}
