using System.Text.RegularExpressions;

namespace TutorApp.Tutoring.Evaluation;

/// <summary>
/// Short, value-free meanings of the words that word problems turn on, and otherwise the problem's own sentence that uses
/// the word: a student who asks what "altogether" means needs the word, not the working.
/// </summary>
internal static class Vocabulary
{
    private static readonly Dictionary<string, string> _meanings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["altogether"] = "\"Altogether\" means all of them counted together, as one amount.",
        ["in all"] = "\"In all\" means everything counted together, as one amount.",
        ["total"] = "The \"total\" is the whole amount when everything is put together.",
        ["sum"] = "The \"sum\" is what you get when you add numbers together.",
        ["difference"] = "The \"difference\" between two amounts is how much bigger one is than the other.",
        ["product"] = "The \"product\" is what you get when you multiply numbers.",
        ["quotient"] = "The \"quotient\" is what you get when you divide one number by another.",
        ["remainder"] = "The \"remainder\" is what is left over when something cannot be shared out exactly.",
        ["each"] = "\"Each\" means for every single one of them, one at a time.",
        ["per"] = "\"Per\" means for each one: \"per hour\" is for each hour.",
        ["every"] = "\"Every\" means each one of them, with none left out.",
        ["twice"] = "\"Twice\" means two times as much.",
        ["double"] = "\"Double\" means two times as much.",
        ["triple"] = "\"Triple\" means three times as much.",
        ["half"] = "A \"half\" is one of two equal parts.",
        ["quarter"] = "A \"quarter\" is one of four equal parts.",
        ["dozen"] = "A \"dozen\" is a group of twelve.",
        ["average"] = "The \"average\" (mean) is what each would get if the total were shared out equally.",
        ["mean"] = "The \"mean\" is the average: what each would get if the total were shared out equally.",
        ["left"] = "\"Left\" means what remains after some has been used, given away or taken.",
        ["remaining"] = "\"Remaining\" means what is still there after some has been used or taken away.",
        ["profit"] = "\"Profit\" is the money earned minus the money spent.",
        ["discount"] = "A \"discount\" is an amount taken off the usual price.",
        ["interest"] = "\"Interest\" is extra money paid for borrowing money (or earned for saving it).",
        ["percent"] = "\"Percent\" means out of one hundred: 30 percent is 30 out of every 100.",
        ["percentage"] = "A \"percentage\" is a part out of one hundred.",
        ["rate"] = "A \"rate\" says how much of one thing there is for each unit of another, like miles per hour.",
        ["ratio"] = "A \"ratio\" compares two amounts: how many of one there are for so many of the other.",
        ["perimeter"] = "The \"perimeter\" is the distance all the way around the outside of a shape.",
        ["area"] = "The \"area\" is how much flat surface a shape covers.",
        ["fraction"] = "A \"fraction\" is a part of a whole, like one half or three quarters.",
        ["numerator"] = "The \"numerator\" is the top number of a fraction: how many parts you have.",
        ["denominator"] = "The \"denominator\" is the bottom number of a fraction: how many equal parts the whole has.",
        ["change"] = "\"Change\" is the money you get back when you pay more than something costs.",
        ["consecutive"] = "\"Consecutive\" means one straight after another, with no gaps.",
    };

    public static string Explain(string term, string statement)
    {
        var word = term.Trim().Trim('?', '.', '!').Trim();
        if (_meanings.TryGetValue(word, out var meaning))
        {
            return meaning;
        }
        var sentence = SentenceUsing(word, statement);
        return sentence is null
            ? $"Good question. Read the problem again and look at what it says about \"{word}\": what is it describing?"
            : $"Here is the sentence in the problem that uses it: \"{sentence}\" What do you think \"{word}\" describes there?";
    }

    private static string? SentenceUsing(string word, string statement)
    {
        if (word.Length == 0)
        {
            return null;
        }
        foreach (var sentence in Regex.Split(statement, @"(?<=[.!?])\s+", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            if (sentence.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return sentence.Trim();
            }
        }
        return null;
    }
}
