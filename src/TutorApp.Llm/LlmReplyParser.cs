using System.Text.Json;

namespace TutorApp.Llm;

/// <summary>Reads the JSON object a model was asked for, tolerating the one habit many models have: a ```json fence around it.</summary>
internal static class LlmReplyParser
{
    /// <summary>The object's root element (cloned), or an error saying what is wrong with the reply.</summary>
    public static (JsonElement? Root, string? Error) Object(string? reply)
    {
        var text = Unfenced(reply);
        if (text.Length == 0)
        {
            return (null, "malformed: empty reply");
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, $"malformed: a JSON {document.RootElement.ValueKind} instead of an object");
        }
        catch (JsonException exception)
        {
            return (null, $"malformed: not JSON ({exception.Message.Split('.', 2)[0]})");
        }
    }

    public static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Unfenced(string? reply)
    {
        var text = (reply ?? "").Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLineEnd = text.IndexOf('\n');
            var closing = text.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLineEnd > 0 && closing > firstLineEnd)
            {
                text = text[(firstLineEnd + 1)..closing].Trim();
            }
        }
        return text;
    }
}
