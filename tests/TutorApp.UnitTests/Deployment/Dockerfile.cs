namespace TutorApp.UnitTests.Deployment;

/// <summary>A Dockerfile as instructions (continuation lines joined, comments dropped), grouped into stages.</summary>
internal sealed record Dockerfile(IReadOnlyList<DockerStage> Stages, IReadOnlyList<DockerInstruction> Global)
{
    public static Dockerfile Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var pending = "";
        var startLine = 0;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }
            if (pending.Length == 0)
            {
                startLine = i + 1;
            }
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }
            var text = (pending + line).Trim();
            pending = "";
            if (text.Length == 0)
            {
                continue;
            }
            var space = text.IndexOf(' ');
            instructions.Add(new DockerInstruction(
                (space < 0 ? text : text[..space]).ToUpperInvariant(), space < 0 ? "" : text[(space + 1)..].Trim(), startLine));
        }
        if (pending.Length > 0)
        {
            throw new InvalidDataException($"{path}: the file ends inside a continued instruction (line {startLine}).");
        }

        var global = instructions.TakeWhile(i => i.Keyword != "FROM").ToList();
        var stages = new List<(DockerInstruction From, List<DockerInstruction> Body)>();
        foreach (var instruction in instructions.Skip(global.Count))
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add((instruction, []));
            }
            else
            {
                stages[^1].Body.Add(instruction);
            }
        }
        return new Dockerfile(stages.Select(s => Stage(s.From, s.Body)).ToList(), global);
    }

    private static DockerStage Stage(DockerInstruction from, List<DockerInstruction> body)
    {
        var parts = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var name = parts.Length >= 3 && parts[^2].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[^1] : null;
        return new DockerStage(parts.First(p => !p.StartsWith("--", StringComparison.Ordinal)), name, from.Line, body);
    }
}

internal sealed record DockerStage(string BaseImage, string? Name, int Line, IReadOnlyList<DockerInstruction> Instructions)
{
    public IEnumerable<DockerInstruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction? Last(string keyword) => All(keyword).LastOrDefault();
}

internal sealed record DockerInstruction(string Keyword, string Arguments, int Line);
