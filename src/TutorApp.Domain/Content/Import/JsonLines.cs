using System.Text.Json;

namespace TutorApp.Domain.Content.Import;

/// <summary>Reading JSON Lines record by record, with a readable reason for each record that is not usable.</summary>
internal static class JsonLines
{
    /// <summary>The field named in an issue about a record that is not a JSON object.</summary>
    public const string WholeJson = "(json)";

    /// <summary>The field named in an issue about the record as a whole.</summary>
    public const string WholeRecord = "(record)";

    /// <summary>Every non-blank line with its 1-based line number.</summary>
    public static IEnumerable<(int LineNumber, string Line)> Read(TextReader reader)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length > 0)
            {
                yield return (lineNumber, line);
            }
        }
    }

    /// <summary>The parsed object, or null with the reason (invalid JSON, or not an object).</summary>
    public static JsonDocument? TryParse(string line, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            error = $"invalid JSON: {exception.Message}";
            return null;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, found {Describe(document.RootElement.ValueKind)}";
            document.Dispose();
            return null;
        }
        return document;
    }

    /// <summary>A required, non-empty string property.</summary>
    public static bool TryGetString(JsonElement record, string name, out string value, out string? error)
    {
        value = "";
        error = null;
        if (!record.TryGetProperty(name, out var property))
        {
            error = "missing";
            return false;
        }
        if (property.ValueKind != JsonValueKind.String)
        {
            error = $"expected a string, found {Describe(property.ValueKind)}";
            return false;
        }
        value = property.GetString()!;
        if (value.Trim().Length == 0)
        {
            error = "empty";
            return false;
        }
        return true;
    }

    /// <summary>An optional string property: null when missing, null or not a string.</summary>
    public static string? OptionalString(JsonElement record, string name) =>
        record.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
