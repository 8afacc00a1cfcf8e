namespace TutorApp.KnowledgeTracing.Evaluation;

/// <summary>One learner in a DKVMN-format file: skill (or question) ids as written (1-based) and 0/1 answers.</summary>
public sealed record DkvmnSequence(int[] Ids, bool[] Correct)
{
    /// <summary>Identity of the whole sequence, to find learners that occur in both train and test.</summary>
    public string Key => string.Join(',', Ids) + "|" + string.Join(',', Correct.Select(c => c ? '1' : '0'));
}

/// <summary>The DKVMN three-line format (length; ids; answers), as shipped for ASSIST2009 and STATICS.</summary>
public static class DkvmnData
{
    public static IReadOnlyList<DkvmnSequence> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"DKVMN file not found: {path} (set TUTOR_DATA_DIR or pass --data)", path);
        }
        var lines = File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count % 3 != 0)
        {
            throw new InvalidDataException($"{path}: {lines.Count} non-empty lines, expected a multiple of 3 (length, ids, answers)");
        }
        var result = new List<DkvmnSequence>(lines.Count / 3);
        for (var i = 0; i < lines.Count; i += 3)
        {
            var n = int.Parse(lines[i].TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);
            var ids = Numbers(lines[i + 1]);
            var answers = Numbers(lines[i + 2]);
            if (ids.Length != n || answers.Length != n)
            {
                throw new InvalidDataException($"{path}: learner at line {i + 1} declares {n} interactions but has {ids.Length} ids and {answers.Length} answers");
            }
            if (answers.Any(a => a is not (0 or 1)))
            {
                throw new InvalidDataException($"{path}: learner at line {i + 1} has an answer other than 0/1");
            }
            result.Add(new DkvmnSequence(ids, answers.Select(a => a == 1).ToArray()));
        }
        return result;
    }

    private static int[] Numbers(string line) => line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The file prefix of a DKVMN folder (<c>assist2009_updated</c>, <c>STATICS</c>), from its single *_test.csv.</summary>
    public static string Prefix(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"data folder not found: {directory} (set TUTOR_DATA_DIR or pass --data)");
        }
        var tests = Directory.GetFiles(directory, "*_test.csv");
        return tests.Length == 1
            ? Path.GetFileName(tests[0])[..^"_test.csv".Length]
            : throw new InvalidDataException($"{directory}: expected one *_test.csv, found {tests.Length}");
    }

    public static string SplitFile(string directory, string split) => Path.Combine(directory, $"{Prefix(directory)}_{split}.csv");

    /// <summary>Consecutive windows of at most <paramref name="size"/>; windows of one interaction have nothing to score.
    /// The same convention as src/kt-training/kt_training/data.py.</summary>
    public static IEnumerable<(int Sequence, int Start, int Length)> Windows(IReadOnlyList<DkvmnSequence> sequences, int size)
    {
        for (var s = 0; s < sequences.Count; s++)
        {
            for (var start = 0; start < sequences[s].Ids.Length; start += size)
            {
                var length = Math.Min(size, sequences[s].Ids.Length - start);
                if (length >= 2)
                {
                    yield return (s, start, length);
                }
            }
        }
    }
}
