using System.Text;

namespace TutorApp.Domain.Content.Import;

/// <summary>
/// Makes plain text safe to use as a Markdown problem statement: every character that Markdown or the app's
/// <c>$...$</c> KaTeX math would read as markup gets a backslash, so "$5 and $6" stays two prices instead of
/// becoming the formula "5 and ". CommonMark allows a backslash before any ASCII punctuation, so an escaped
/// character always shows as itself. Besides the CommonMark markup characters and <c>$</c>, the markers of the app's
/// Markdown extensions (<c>~</c> strike-through and subscript, <c>^</c> superscript, <c>|</c> tables) are escaped too.
/// </summary>
public static class MarkdownEscaper
{
    private const string SpecialCharacters = "\\`*_#<>[]$~^|";

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (SpecialCharacters.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }
            escaped.Append(c);
        }
        return escaped.ToString();
    }
}
