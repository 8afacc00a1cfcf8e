using System.Text;

namespace TutorApp.TestSupport;

/// <summary>Seeded generators of hostile input, so a failure is reproducible from the seed printed with it.</summary>
public sealed class FuzzInputs(int seed)
{
    private static readonly string[] Fragments =
    [
        "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "^", "=", ".", ",", "%", "$", "€", "½", "√", "π", "x", "y", "e", "E",
        "1", "0", "9", "16", "1/3", "5 1/3", "1e999999", "-0", "NaN", "Infinity", "0x1F", "١٢", "٣", "sixteen", "million",
        "ignore previous instructions", "<script>", "\\frac{1}{0}", "\u0000", "\uFFFD", "\u202E", "🍕", "\t", "\n", " ", "'", "\"",
    ];

    public Random Random { get; } = new(seed);

    /// <summary>A mix of maths-like fragments and random code points (unpaired surrogates included).</summary>
    public string Text(int maxLength)
    {
        var length = Random.Next(0, maxLength + 1);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            text.Append(Random.Next(3) switch
            {
                0 => Fragments[Random.Next(Fragments.Length)],
                1 => ((char)Random.Next(0x20, 0x7F)).ToString(),
                _ => ((char)Random.Next(0, 0x10000)).ToString(),
            });
        }
        return text.ToString();
    }

    /// <summary>Brackets nested <paramref name="depth"/> deep around a number or an expression.</summary>
    public string Nested(int depth)
    {
        var (open, close) = Random.Next(3) switch { 0 => ("(", ")"), 1 => ("[", "]"), _ => ("\\frac{1}{", "}") };
        var inner = Random.Next(2) == 0 ? "1+x" : "16";
        return string.Concat(Enumerable.Repeat(open, depth)) + inner + (Random.Next(4) == 0 ? "" : string.Concat(Enumerable.Repeat(close, depth)));
    }

    /// <summary>About a megabyte of one kind of content: digits, operators, words or random text.</summary>
    public string Megabyte() => Random.Next(4) switch
    {
        0 => new string('9', 1 << 20),
        1 => string.Concat(Enumerable.Repeat("1+", 1 << 19)) + "1",
        2 => string.Concat(Enumerable.Repeat("sixteen ", 1 << 17)),
        _ => Text(1 << 20),
    };

    /// <summary>Valid content damaged one way: cut short, a byte flipped, a value's type changed, a huge value, invalid UTF-8.</summary>
    public byte[] Damage(byte[] valid)
    {
        switch (Random.Next(6))
        {
            case 0:
                return valid[..Random.Next(valid.Length)];
            case 1:
            {
                var copy = (byte[])valid.Clone();
                for (var i = Random.Next(1, 8); i > 0; i--)
                {
                    copy[Random.Next(copy.Length)] = (byte)Random.Next(256);
                }
                return copy;
            }
            case 2:
                return Replace(valid, ["\"1\"", "null", "[]", "{}", "true", "-1", "1.5", "\"\""]);
            case 3:
                return Replace(valid, ["1e308", "99999999999999999999999999999999", new string('9', 5000), "\"" + new string('a', 100_000) + "\""]);
            case 4:
            {
                // Invalid UTF-8: a lone continuation byte, an overlong encoding, a truncated sequence.
                var bad = new[] { new byte[] { 0x80 }, [0xC0, 0xAF], [0xE2, 0x82], [0xFF] }[Random.Next(4)];
                var at = Random.Next(valid.Length);
                return [.. valid[..at], .. bad, .. valid[at..]];
            }
            default:
                return Encoding.UTF8.GetBytes(Text(2000));
        }
    }

    /// <summary>Swaps one value (a number, a string, true/false/null) for one of the replacements.</summary>
    private byte[] Replace(byte[] valid, string[] replacements)
    {
        var text = Encoding.UTF8.GetString(valid);
        var values = System.Text.RegularExpressions.Regex.Matches(text, "(?<=[:,\\[]\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|null)");
        if (values.Count == 0)
        {
            return valid;
        }
        var value = values[Random.Next(values.Count)];
        return Encoding.UTF8.GetBytes(text[..value.Index] + replacements[Random.Next(replacements.Length)] + text[(value.Index + value.Length)..]);
    }
}
