using System.Text;
using TutorApp.Domain.Answers;
using TutorApp.Domain.Content.Bank;

namespace TutorApp.Web.Components.Admin.Bank;

/// <summary>What "New problem" creates: a readable, unique key and the smallest content the editor can start from.</summary>
public static class NewProblem
{
    private const int MaxSlugLength = 60;

    /// <summary>A slug of the title with a short random suffix, e.g. "sharing-pizzas-3fa9c2": readable in exports and
    /// URLs, and two authors who pick the same title do not collide.</summary>
    public static string Key(string title, string? suffix = null)
    {
        suffix ??= Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
        return $"{Slug(title)}-{suffix}";
    }

    public static string Slug(string title)
    {
        var slug = new StringBuilder();
        // Accented letters keep their base letter ("Café" → "cafe"), other letters are dropped (keys stay ASCII), and
        // anything that is not a letter or digit separates words.
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (!char.IsLetter(c) && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                     && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
            if (slug.Length >= MaxSlugLength)
            {
                break;
            }
        }
        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "problem" : text;
    }

    /// <summary>A draft with one empty step: enough to open in the editor, where the validator lists what is missing.</summary>
    public static BankProblemVersion Content(string title) => new(
        Number: 1,
        Status: "draft",
        Title: title.Trim(),
        Statement: "",
        FinalAnswer: new NumberAnswer(0),
        Difficulty: 1,
        Source: "",
        Licence: "",
        Tags: [],
        Skills: [],
        CreatedAt: DateTimeOffset.UnixEpoch, // the store sets the real time
        PublishedAt: null,
        Steps: [new BankStep("s1", "", null, [], [], [])],
        Tree: []);
}
