using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using TutorApp.Domain.Mastery;

namespace TutorApp.KnowledgeTracing;

/// <summary>A model or its card is not usable: the message says which file and what is wrong.</summary>
public sealed class ModelCardException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The JSON card written beside each exported .onnx by src/kt-training (format tutorapp-kt-card/1): what the model is,
/// what it was trained and evaluated on, and the exact input/output signature the serving code relies on.
/// </summary>
public sealed record ModelCard
{
    public const string SupportedFormat = "tutorapp-kt-card/1";
    public const int MaxNameLength = 41;

    public required string Format { get; init; }
    public required string Name { get; init; }
    public required string Model { get; init; }
    public required string Onnx { get; init; }
    public required string Sha256 { get; init; }
    public int Opset { get; init; }
    public string? Created { get; init; }
    public required CardDataset Dataset { get; init; }
    public int Window { get; init; } = 200;
    public string? Scoring { get; init; }
    public int? Fold { get; init; }
    public required IReadOnlyList<CardTensor> Inputs { get; init; }
    public required IReadOnlyList<CardTensor> Outputs { get; init; }
    public string? Parity { get; init; }
    public CardStep? Step { get; init; }
    public string? Graph { get; init; }
    public JsonElement? Metrics { get; init; }
    public JsonElement? Hyperparameters { get; init; }

    /// <summary>The folder of the card: the .onnx and parity files are named relative to it.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";

    [JsonIgnore]
    public string OnnxPath => Path.Combine(Directory, Onnx);

    /// <summary>The first 8 hex digits of the card text's sha256. The card names both model files by their sha256, so
    /// this changes with either file and with the card's own settings (skill ids, window, time unit).</summary>
    [JsonIgnore]
    public string Fingerprint { get; init; } = "";

    /// <summary>Model index of each listed skill id (cards from an app export list them; tracing looks ids up per answer).</summary>
    [JsonIgnore]
    private IReadOnlyDictionary<int, int>? ListedSkillIndexes { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true,
        WriteIndented = true,
    };

    public static ModelCard Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelCardException($"model card not found: {path}");
        }
        return Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, path);
    }

    /// <summary>A card from its JSON text; <paramref name="directory"/> is where its .onnx lives.</summary>
    public static ModelCard Parse(string json, string directory, string source = "model card")
    {
        ModelCard? card;
        try
        {
            card = JsonSerializer.Deserialize<ModelCard>(json, Json);
        }
        catch (JsonException e)
        {
            throw new ModelCardException($"model card {source} is not valid: {e.Message}", e);
        }
        if (card is null)
        {
            throw new ModelCardException($"model card {source} is empty");
        }
        card = card with
        {
            Directory = directory,
            Fingerprint = ModelFingerprint.Of(json),
            ListedSkillIndexes = card.Dataset.Skills.Ids?.Select((id, i) => (id, i)).DistinctBy(x => x.id).ToDictionary(x => x.id, x => x.i),
        };
        card.Validate(source);
        return card;
    }

    /// <summary>The card for <paramref name="path"/>: the card itself, or the <c>.card.json</c> beside an .onnx.</summary>
    public static ModelCard ReadFor(string path)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            var cardPath = Path.ChangeExtension(path, null) + ".card.json";
            if (!File.Exists(cardPath))
            {
                throw new ModelCardException($"no model card beside {path} (expected {cardPath}): the card says which skills and inputs the model has");
            }
            var card = Read(cardPath);
            if (!string.Equals(Path.GetFullPath(card.OnnxPath), Path.GetFullPath(path), StringComparison.Ordinal))
            {
                throw new ModelCardException($"{cardPath} describes {card.Onnx}, not {Path.GetFileName(path)}");
            }
            return card;
        }
        return Read(path);
    }

    private void Validate(string path)
    {
        var problems = new List<string>();
        if (Format != SupportedFormat)
        {
            problems.Add($"format is '{Format}', expected '{SupportedFormat}'");
        }
        if (Model is not ("dkt" or "cakt" or "psikt"))
        {
            problems.Add($"model '{Model}' is not one this server runs (dkt, cakt, psikt)");
        }
        if (Name.Length is 0 or > MaxNameLength)
        {
            // The tracer's name is this plus "@" and 8 characters of the sha256, stored in 50-character columns.
            problems.Add($"name must have 1 to {MaxNameLength} characters, not {Name.Length}");
        }
        if (Sha256.Length != 64 || !Sha256.All(char.IsAsciiHexDigit))
        {
            problems.Add("sha256 must be 64 hexadecimal digits");
        }
        if (Dataset.NumSkills <= 0)
        {
            problems.Add("dataset.num_skills must be positive");
        }
        if (Dataset.Skills.Ids is { } ids && ids.Count != Dataset.NumSkills)
        {
            problems.Add($"dataset.skills.ids has {ids.Count} ids for {Dataset.NumSkills} skills");
        }
        if (Window < 2)
        {
            problems.Add("window must be at least 2");
        }
        if (problems.Count > 0)
        {
            throw new ModelCardException($"model card {path}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>Checks the .onnx file is the one the card was written for.</summary>
    public void VerifyChecksum()
    {
        if (!File.Exists(OnnxPath))
        {
            throw new ModelCardException($"model file {OnnxPath} named by card {Name} does not exist");
        }
        using var stream = File.OpenRead(OnnxPath);
        var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (!string.Equals(actual, Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelCardException($"{OnnxPath} has sha256 {actual} but its card {Name} says {Sha256}: the file was changed or replaced");
        }
    }

    /// <summary>Model axis index of an app or data-set skill id.</summary>
    public bool TryGetSkillIndex(int skillId, out int index)
    {
        if (ListedSkillIndexes is { } listed)
        {
            return listed.TryGetValue(skillId, out index);
        }
        index = skillId - Dataset.Skills.FirstId;
        return index >= 0 && index < Dataset.NumSkills;
    }

    public int SkillId(int index) => Dataset.Skills.Ids is { } ids ? ids[index] : Dataset.Skills.FirstId + index;

    public string SkillRange => Dataset.Skills.Ids is { } ids
        ? $"the {ids.Count} skill ids listed in the card"
        : $"{Dataset.Skills.FirstId}..{Dataset.Skills.FirstId + Dataset.NumSkills - 1}";
}

public sealed record CardDataset
{
    public required string Name { get; init; }
    public int NumSkills { get; init; }
    public required CardSkills Skills { get; init; }
    public string? Time { get; init; }

    /// <summary>"steps" when the training data had no timestamps (time = interaction index), else "days".</summary>
    public string TimeUnit { get; init; } = "steps";
}

public sealed record CardSkills
{
    public int FirstId { get; init; } = 1;
    public int? Count { get; init; }
    public IReadOnlyList<int>? Ids { get; init; }
}

/// <summary>Shape entries are numbers (fixed) or names (dynamic axes), as the exporter wrote them.</summary>
public sealed record CardTensor(string Name, string Dtype, IReadOnlyList<JsonElement> Shape)
{
    public string ShapeText => string.Join(", ", Shape.Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64().ToString() : d.GetString()));
}

public sealed record CardStep
{
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public int StateSize { get; init; }
    public int Frames { get; init; }
    public required IReadOnlyList<CardTensor> Inputs { get; init; }
    public required IReadOnlyList<CardTensor> Outputs { get; init; }
}
