namespace TutorApp.Domain.Content.Import;

internal enum VerbForm
{
    /// <summary>"sell", "need": present, not third person singular (or a base form after a modal).</summary>
    Base,
    /// <summary>"sells", "needs".</summary>
    ThirdPerson,
    /// <summary>"sold", "needed".</summary>
    Past,
    /// <summary>"cost", "put", "read": present or past, written the same.</summary>
    BaseOrPast,
}

/// <param name="Participle">The past participle ("sold", "grown"), for perfect tenses.</param>
internal sealed record VerbReading(string Base, VerbForm Form, string Participle);

/// <summary>
/// Just enough English morphology to turn "Natalia sold 24 clips" into "How many clips did Natalia sell?": a lexicon
/// of the verbs that word problems use, with their irregular forms. A word that is not in the lexicon is not taken
/// for a verb, so an unknown sentence falls back to a plainer question rather than to a wrong one.
/// </summary>
internal static class EnglishVerbs
{
    // Base form, past, past participle.
    private static readonly (string Base, string Past, string Participle)[] IrregularVerbs =
    [
        ("arise", "arose", "arisen"), ("bear", "bore", "born"), ("beat", "beat", "beaten"),
        ("become", "became", "become"), ("begin", "began", "begun"), ("bend", "bent", "bent"), ("bet", "bet", "bet"),
        ("bid", "bid", "bid"), ("bind", "bound", "bound"), ("bite", "bit", "bitten"), ("blow", "blew", "blown"),
        ("break", "broke", "broken"), ("breed", "bred", "bred"), ("bring", "brought", "brought"), ("build", "built", "built"),
        ("burst", "burst", "burst"), ("buy", "bought", "bought"), ("catch", "caught", "caught"), ("choose", "chose", "chosen"),
        ("cling", "clung", "clung"), ("come", "came", "come"), ("cost", "cost", "cost"), ("creep", "crept", "crept"),
        ("cut", "cut", "cut"), ("deal", "dealt", "dealt"), ("dig", "dug", "dug"), ("do", "did", "done"), ("draw", "drew", "drawn"),
        ("drink", "drank", "drunk"), ("drive", "drove", "driven"), ("eat", "ate", "eaten"), ("fall", "fell", "fallen"),
        ("feed", "fed", "fed"), ("feel", "felt", "felt"), ("fight", "fought", "fought"), ("find", "found", "found"),
        ("fit", "fit", "fit"), ("flee", "fled", "fled"), ("fling", "flung", "flung"), ("fly", "flew", "flown"),
        ("forbid", "forbade", "forbidden"), ("forget", "forgot", "forgotten"), ("forgive", "forgave", "forgiven"),
        ("freeze", "froze", "frozen"), ("get", "got", "gotten"), ("give", "gave", "given"), ("go", "went", "gone"),
        ("grind", "ground", "ground"), ("grow", "grew", "grown"), ("hang", "hung", "hung"), ("have", "had", "had"),
        ("hear", "heard", "heard"), ("hide", "hid", "hidden"), ("hit", "hit", "hit"), ("hold", "held", "held"),
        ("hurt", "hurt", "hurt"), ("keep", "kept", "kept"), ("kneel", "knelt", "knelt"), ("knit", "knit", "knit"),
        ("know", "knew", "known"), ("lay", "laid", "laid"), ("lead", "led", "led"), ("leave", "left", "left"),
        ("lend", "lent", "lent"), ("let", "let", "let"), ("lie", "lay", "lain"), ("light", "lit", "lit"),
        ("lose", "lost", "lost"), ("make", "made", "made"), ("mean", "meant", "meant"), ("meet", "met", "met"),
        ("mow", "mowed", "mown"), ("overtake", "overtook", "overtaken"), ("pay", "paid", "paid"), ("put", "put", "put"),
        ("quit", "quit", "quit"), ("read", "read", "read"), ("rebuild", "rebuilt", "rebuilt"), ("redo", "redid", "redone"),
        ("rewrite", "rewrote", "rewritten"), ("ride", "rode", "ridden"), ("ring", "rang", "rung"), ("rise", "rose", "risen"),
        ("run", "ran", "run"), ("say", "said", "said"), ("see", "saw", "seen"), ("seek", "sought", "sought"),
        ("sell", "sold", "sold"), ("send", "sent", "sent"), ("set", "set", "set"), ("sew", "sewed", "sewn"),
        ("shake", "shook", "shaken"), ("shed", "shed", "shed"), ("shine", "shone", "shone"), ("shoot", "shot", "shot"),
        ("shrink", "shrank", "shrunk"), ("shut", "shut", "shut"), ("sing", "sang", "sung"), ("sink", "sank", "sunk"),
        ("sit", "sat", "sat"), ("sleep", "slept", "slept"), ("slide", "slid", "slid"), ("sling", "slung", "slung"),
        ("speak", "spoke", "spoken"), ("speed", "sped", "sped"), ("spend", "spent", "spent"), ("spin", "spun", "spun"),
        ("split", "split", "split"), ("spread", "spread", "spread"), ("spring", "sprang", "sprung"), ("stand", "stood", "stood"),
        ("steal", "stole", "stolen"), ("stick", "stuck", "stuck"), ("sting", "stung", "stung"), ("stink", "stank", "stunk"),
        ("strike", "struck", "struck"), ("string", "strung", "strung"), ("sweep", "swept", "swept"), ("swim", "swam", "swum"),
        ("swing", "swung", "swung"), ("take", "took", "taken"), ("teach", "taught", "taught"), ("tear", "tore", "torn"),
        ("tell", "told", "told"), ("think", "thought", "thought"), ("throw", "threw", "thrown"), ("undergo", "underwent", "undergone"),
        ("understand", "understood", "understood"), ("upset", "upset", "upset"), ("wake", "woke", "woken"),
        ("wear", "wore", "worn"), ("weave", "wove", "woven"), ("weep", "wept", "wept"), ("win", "won", "won"),
        ("wind", "wound", "wound"), ("withdraw", "withdrew", "withdrawn"), ("write", "wrote", "written"),
    ];

    // Regular verbs that word problems use; "-s", "-es", "-ies", "-ed", "-d", "-ied" and a doubled final consonant are derived.
    private static readonly string[] RegularVerbs =
    [
        "accept", "add", "afford", "agree", "allow", "answer", "apply", "arrange", "arrive", "ask", "attend", "average",
        "award", "bag", "bake", "bike", "bill", "board", "boil", "book", "borrow", "bounce", "box", "budget", "burn",
        "bury", "calculate", "call", "carry", "cash", "change", "charge", "chase", "check", "chop", "claim", "clean",
        "clear", "climb", "close", "coach", "collect", "color", "colour", "combine", "complete", "consume", "contain",
        "continue", "convert", "cook", "copy", "count", "cover", "crack", "crawl", "create", "cross", "cry", "cycle",
        "dance", "decide", "decorate", "decrease", "deliver", "deposit", "design", "destroy", "die", "discover", "divide",
        "donate", "double", "download", "drop", "dry", "earn", "email", "empty", "end", "enjoy", "enter", "equal",
        "exercise", "expect", "explore", "fail", "fill", "finish", "fix", "float", "flip", "fold", "follow", "frost",
        "fry", "gain", "gather", "glue", "grade", "guess", "halve", "hand", "handle", "harvest", "hatch", "help", "hike",
        "hire", "hop", "hope", "host", "hunt", "hurry", "improve", "include", "increase", "inflate", "inherit", "install",
        "intend", "invest", "invite", "iron", "jog", "join", "jump", "kick", "kill", "knock", "label", "land", "last",
        "launch", "laugh", "learn", "lift", "like", "list", "listen", "live", "load", "lock", "log", "look", "love",
        "mail", "manage", "mark", "measure", "melt", "miss", "mix", "move", "multiply", "name", "need", "notice",
        "obtain", "offer", "open", "order", "organize", "own", "owe", "pack", "paddle", "paint", "park", "pass", "peel",
        "pick", "pitch", "place", "plan", "plant", "play", "pledge", "plow", "post", "pour", "practice", "prefer",
        "prepare", "press", "price", "print", "process", "produce", "promise", "provide", "pull", "pump", "punch",
        "purchase", "push", "race", "rain", "raise", "rake", "reach", "realize", "receive", "record", "recycle",
        "reduce", "refill", "refund", "remain", "remove", "rent", "repair", "repeat", "replace", "require", "reserve",
        "rest", "return", "roast", "roll", "row", "sail", "save", "scan", "schedule", "score", "scrub", "seat", "serve",
        "share", "ship", "shop", "shovel", "sign", "skate", "ski", "skip", "slice", "smile", "snack", "solve", "sort",
        "spill", "sprint", "squeeze", "stack", "staple", "start", "stay", "step", "stop", "store", "stretch", "study",
        "subtract", "supply", "surf", "survive", "tap", "tape", "taste", "test", "text", "tie", "tip", "toss", "total",
        "tour", "trade", "train", "transfer", "travel", "treat", "trim", "triple", "try", "turn", "type", "unload",
        "unpack", "use", "vacuum", "visit", "vote", "wait", "walk", "want", "wash", "waste", "watch", "water", "weigh",
        "wish", "work", "worry", "wrap", "yell",
    ];

    private static readonly HashSet<string> Modals = new(StringComparer.OrdinalIgnoreCase)
    {
        "will", "would", "can", "could", "should", "must", "might", "may", "shall",
    };

    private static readonly HashSet<string> Copulas = new(StringComparer.OrdinalIgnoreCase) { "is", "are", "was", "were" };

    private static readonly Dictionary<string, VerbReading> Forms = BuildForms();

    private static readonly HashSet<string> Participles = Forms.Values.Select(v => v.Participle).Append("been").ToHashSet(StringComparer.Ordinal);

    public static bool IsModal(string word) => Modals.Contains(word);

    public static bool IsCopula(string word) => Copulas.Contains(word);

    /// <summary>Reads a word as a lexical verb (not a modal or a form of "be"); null when it is not one.</summary>
    public static VerbReading? Read(string word) =>
        Forms.TryGetValue(word.ToLowerInvariant(), out var reading) ? reading : null;

    /// <summary>A participle that can follow "has"/"had" ("has grown", "had sold").</summary>
    public static bool IsParticiple(string word)
    {
        return Participles.Contains(word.ToLowerInvariant());
    }

    private static Dictionary<string, VerbReading> BuildForms()
    {
        var forms = new Dictionary<string, VerbReading>(StringComparer.Ordinal);
        foreach (var verb in RegularVerbs)
        {
            var past = PastOf(verb);
            forms.TryAdd(verb, new VerbReading(verb, VerbForm.Base, past));
            forms.TryAdd(ThirdPersonOf(verb), new VerbReading(verb, VerbForm.ThirdPerson, past));
            forms.TryAdd(past, new VerbReading(verb, VerbForm.Past, past));
        }
        foreach (var (baseForm, past, participle) in IrregularVerbs)
        {
            var third = baseForm switch
            {
                "have" => "has",
                "do" => "does",
                "go" => "goes",
                _ => ThirdPersonOf(baseForm),
            };
            forms[baseForm] = new VerbReading(baseForm, past == baseForm ? VerbForm.BaseOrPast : VerbForm.Base, participle);
            forms[third] = new VerbReading(baseForm, VerbForm.ThirdPerson, participle);
            if (past != baseForm)
            {
                forms[past] = new VerbReading(baseForm, VerbForm.Past, participle);
            }
            forms.TryAdd(participle, new VerbReading(baseForm, VerbForm.Past, participle));
        }
        return forms;
    }

    private static string ThirdPersonOf(string verb)
    {
        if (verb.EndsWith('y') && verb.Length > 2 && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ies";
        }
        return verb.EndsWith('s') || verb.EndsWith('x') || verb.EndsWith('z') || verb.EndsWith("ch", StringComparison.Ordinal)
            || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith('o')
            ? verb + "es"
            : verb + "s";
    }

    private static string PastOf(string verb)
    {
        if (verb.EndsWith('e'))
        {
            return verb + "d";
        }
        if (verb.EndsWith('y') && verb.Length > 2 && !IsVowel(verb[^2]))
        {
            return verb[..^1] + "ied";
        }
        // One short syllable ending consonant-vowel-consonant doubles the consonant: stop, stopped; plan, planned.
        if (verb.Length is >= 3 and <= 4 && verb is not ("open" or "iron") && !IsVowel(verb[^1]) && verb[^1] is not ('w' or 'x' or 'y')
            && IsVowel(verb[^2]) && !IsVowel(verb[^3]))
        {
            return verb + verb[^1] + "ed";
        }
        return verb + "ed";
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
