namespace TutorApp.Domain.Content.Import;

/// <summary>How sure <see cref="EnglishNouns.Plural"/> is of a plural it wrote.</summary>
internal enum PluralSource
{
    /// <summary>Already plural, invariant ("sheep", "kg"), or listed with its plural: nothing to check.</summary>
    Known,
    /// <summary>Made by the regular rule from a word that is not listed; right for most words, wrong for some ("cacti").</summary>
    Guessed,
}

/// <summary>
/// Just enough noun morphology for "How many X": a solution says "1 bolt of white fiber" (singular, it agrees with 1)
/// but the question needs "How many bolts of white fiber"; "water" takes "How much". Irregular and invariant plurals
/// are listed; other plurals follow the spelling rules, and a plural made by rule from a word ending the way exceptions
/// do ("-f", "-o", "-us", "-is", "-on") is reported as guessed so the question is flagged for review.
/// </summary>
internal static class EnglishNouns
{
    private static readonly Dictionary<string, string> IrregularPlurals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["person"] = "people", ["child"] = "children", ["man"] = "men", ["woman"] = "women", ["foot"] = "feet",
        ["tooth"] = "teeth", ["goose"] = "geese", ["mouse"] = "mice", ["ox"] = "oxen", ["die"] = "dice",
        ["leaf"] = "leaves", ["loaf"] = "loaves", ["knife"] = "knives", ["life"] = "lives", ["wife"] = "wives",
        ["shelf"] = "shelves", ["wolf"] = "wolves", ["half"] = "halves", ["calf"] = "calves", ["thief"] = "thieves",
        ["scarf"] = "scarves", ["elf"] = "elves", ["hoof"] = "hooves", ["roof"] = "roofs", ["chef"] = "chefs", ["cliff"] = "cliffs",
        ["chief"] = "chiefs", ["belief"] = "beliefs", ["giraffe"] = "giraffes", ["potato"] = "potatoes", ["tomato"] = "tomatoes",
        ["hero"] = "heroes", ["echo"] = "echoes", ["mango"] = "mangoes", ["volcano"] = "volcanoes", ["torpedo"] = "torpedoes",
        ["photo"] = "photos", ["piano"] = "pianos", ["video"] = "videos", ["radio"] = "radios", ["zoo"] = "zoos", ["kilo"] = "kilos",
        ["burrito"] = "burritos", ["taco"] = "tacos", ["avocado"] = "avocados", ["kangaroo"] = "kangaroos", ["studio"] = "studios",
        ["cactus"] = "cacti", ["fungus"] = "fungi", ["octopus"] = "octopuses", ["bus"] = "buses", ["virus"] = "viruses",
        ["bonus"] = "bonuses", ["campus"] = "campuses", ["circus"] = "circuses", ["walrus"] = "walruses", ["hippopotamus"] = "hippopotamuses",
        ["amoeba"] = "amoebae", ["larva"] = "larvae", ["crisis"] = "crises", ["analysis"] = "analyses", ["oasis"] = "oases",
        ["axis"] = "axes", ["criterion"] = "criteria", ["phenomenon"] = "phenomena", ["quiz"] = "quizzes",
        ["penny"] = "pennies", ["lego"] = "legos", ["tattoo"] = "tattoos", ["kimono"] = "kimonos", ["domino"] = "dominoes",
    };

    // Written the same in the singular and the plural, and units written as symbols or abbreviations.
    private static readonly HashSet<string> Invariant = new(StringComparer.OrdinalIgnoreCase)
    {
        "sheep", "fish", "deer", "moose", "series", "species", "aircraft", "salmon", "trout", "bison", "shrimp", "cattle",
        "offspring", "swine", "squid", "fruit", "worth", "dozen", "hundred", "thousand", "million", "billion", "percent", "corn",
        "ml", "l", "kg", "g", "mg", "km", "m", "cm", "mm", "ft", "in", "yd", "mi", "lb", "lbs", "oz", "mph", "kph", "sq", "hr", "hrs",
        "min", "mins", "sec", "secs", "gal", "qt", "pt", "tbsp", "tsp",
    };

    private static readonly HashSet<string> KnownPlurals = IrregularPlurals.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);

    // Nouns counted as a mass: "How much water", never "How many water".
    private static readonly HashSet<string> MassNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "water", "milk", "juice", "money", "cash", "change", "sand", "flour", "sugar", "rice", "salt", "pepper", "oil", "paint",
        "gas", "gasoline", "fuel", "soup", "cereal", "food", "meat", "butter", "honey", "coffee", "tea", "lemonade", "wood",
        "fabric", "fiber", "fibre", "yarn", "thread", "time", "homework", "information", "furniture", "luggage", "hair", "grass",
        "soil", "dirt", "mulch", "snow", "rain", "air", "electricity", "storage", "space", "land", "fertilizer", "feed", "hay",
        "chocolate", "cheese", "bread", "dough", "cream", "yogurt", "soda", "wine", "beer", "punch", "sauce", "syrup", "gravel",
        "concrete", "cement", "wool", "cloth", "ribbon", "string", "rope", "wire", "foil", "popcorn",
        "traffic", "mail", "garbage", "trash", "laundry", "weight", "distance", "rent", "interest", "revenue", "profit", "income",
        "tax", "salary", "pay", "debt", "energy", "power", "work", "progress", "equipment",
    };

    /// <summary>A noun written as a plural, or one that does not change ("sheep", "kg").</summary>
    private static bool IsPluralOrInvariant(string noun)
    {
        var word = noun.ToLowerInvariant();
        if (Invariant.Contains(word) || KnownPlurals.Contains(word))
        {
            return true;
        }
        if (IrregularPlurals.ContainsKey(word))
        {
            return false;
        }
        // "glass", "bus", "basis" end in s but are singular.
        return word.Length > 2 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal);
    }

    public static bool IsMass(string noun) => MassNouns.Contains(noun);

    /// <summary>The plural of a singular noun ("bolt" -> "bolts", "child" -> "children"); a plural is returned as it is.</summary>
    public static string Plural(string noun, out PluralSource source)
    {
        source = PluralSource.Known;
        if (noun.Length == 0 || !noun.All(c => char.IsLetter(c) || c == '-') || IsPluralOrInvariant(noun) || MassNouns.Contains(noun))
        {
            return noun;
        }
        if (IrregularPlurals.TryGetValue(noun, out var irregular))
        {
            return MatchCase(noun, irregular);
        }
        var word = noun.ToLowerInvariant();
        // Endings where English has many exceptions: the rule's answer is a guess a reviewer should see.
        if (word.EndsWith('f') || word.EndsWith("fe", StringComparison.Ordinal) || word.EndsWith('o') || word.EndsWith("us", StringComparison.Ordinal)
            || word.EndsWith("is", StringComparison.Ordinal) || word.EndsWith("on", StringComparison.Ordinal) && word.Length > 6
            || word.EndsWith("um", StringComparison.Ordinal))
        {
            source = PluralSource.Guessed;
        }
        string plural;
        if (word.EndsWith('y') && word.Length > 2 && !IsVowel(word[^2]))
        {
            plural = noun[..^1] + "ies";
        }
        else if (word.EndsWith('s') || word.EndsWith('x') || word.EndsWith('z') || word.EndsWith("ch", StringComparison.Ordinal)
            || word.EndsWith("sh", StringComparison.Ordinal))
        {
            plural = noun + "es";
        }
        else
        {
            plural = noun + "s";
        }
        return plural;
    }

    private static string MatchCase(string original, string replacement) =>
        char.IsUpper(original[0]) ? char.ToUpperInvariant(replacement[0]) + replacement[1..] : replacement;

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
