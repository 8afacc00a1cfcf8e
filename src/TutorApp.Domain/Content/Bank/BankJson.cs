using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TutorApp.Domain.Content.Bank;

/// <summary>Reads and writes the bank format. Writing is deterministic, so export → import → export is byte-identical.</summary>
public static class BankJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // The "kind" of an answer spec may come after its other properties in hand-written files (and in jsonb).
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(BankDocument document) => JsonSerializer.Serialize(document, Options) + "\n";

    /// <summary>Parses a bank file; a syntax or type error throws <see cref="BankFormatException"/> naming line and field.</summary>
    public static BankDocument Read(string json, string fileName)
    {
        try
        {
            return JsonSerializer.Deserialize<BankDocument>(json, Options)
                ?? throw new BankFormatException($"{fileName}: the file holds null, not a bank document");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}" : "unknown line";
            var field = string.IsNullOrEmpty(ex.Path) ? "" : $", field {ex.Path}";
            throw new BankFormatException($"{fileName}: {where}{field}: {FirstSentence(ex.Message)}", ex);
        }
    }

    public static BankDocument Read(Stream stream, string fileName)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Read(reader.ReadToEnd(), fileName);
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." which the message above already says in words.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

public sealed class BankFormatException(string message, Exception? inner = null) : Exception(message, inner);
