using TutorApp.Data.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace TutorApp.UnitTests.Deployment;

/// <summary>The repository's deployment files, parsed as plain YAML trees (mappings, sequences, strings).</summary>
internal static class YamlFiles
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static string Repo(params string[] parts) => Path.Combine([ContentRoot.Find(), .. parts]);

    /// <summary>Every document of a file (Kubernetes files may hold several); a malformed file throws with its name and line.</summary>
    public static IReadOnlyList<Dictionary<object, object>> Documents(string path)
    {
        var documents = new List<Dictionary<object, object>>();
        try
        {
            var parser = new Parser(new StringReader(File.ReadAllText(path)));
            parser.Consume<StreamStart>();
            while (parser.Accept<DocumentStart>(out _))
            {
                var document = Deserializer.Deserialize<object?>(parser);
                if (document is not null)
                {
                    documents.Add(document as Dictionary<object, object>
                        ?? throw new InvalidDataException($"{path}: a document is a {document.GetType().Name}, not a mapping."));
                }
            }
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{path}, line {e.Start.Line}: {e.Message}", e);
        }
        return documents;
    }

    /// <summary>The value at a path of keys (and sequence indexes), or null when any step is missing.</summary>
    public static object? At(this object? node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (node, step) switch
            {
                (Dictionary<object, object> map, string key) => map.GetValueOrDefault(key),
                (List<object> list, int index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        }
        return node;
    }

    public static string? Text(this object? node, params object[] path) => node.At(path) as string;

    public static IReadOnlyList<object> Items(this object? node, params object[] path) => node.At(path) as List<object> ?? [];

    public static Dictionary<object, object> Map(this object? node, params object[] path) =>
        node.At(path) as Dictionary<object, object> ?? new Dictionary<object, object>();
}
