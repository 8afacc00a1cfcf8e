using System.Text.Json;
using TutorApp.KnowledgeTracing;

namespace TutorApp.IntegrationTests.KnowledgeTracing;

/// <summary>The .parity.json written beside each export: inputs and the PyTorch outputs for them.</summary>
internal sealed record ParityFile(double Tolerance, IReadOnlyDictionary<string, KtTensor> Inputs, IReadOnlyDictionary<string, (long[] Shape, float[] Data)> Outputs)
{
    public static ParityFile Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var inputs = new Dictionary<string, KtTensor>();
        foreach (var input in root.GetProperty("inputs").EnumerateArray())
        {
            var shape = input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var data = input.GetProperty("data");
            inputs[input.GetProperty("name").GetString()!] = input.GetProperty("dtype").GetString() == "int64"
                ? KtTensor.Int64(data.EnumerateArray().Select(x => x.GetInt64()).ToArray(), shape)
                : KtTensor.Float(data.EnumerateArray().Select(x => x.GetSingle()).ToArray(), shape);
        }
        var outputs = root.GetProperty("outputs").EnumerateArray().ToDictionary(
            o => o.GetProperty("name").GetString()!,
            o => (o.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                  o.GetProperty("data").EnumerateArray().Select(x => x.GetSingle()).ToArray()));
        return new ParityFile(root.GetProperty("tolerance").GetDouble(), inputs, outputs);
    }

    /// <summary>Largest absolute difference between ORT's outputs and PyTorch's, after checking shapes agree.</summary>
    public double MaxDifference(IReadOnlyDictionary<string, KtTensor> actual)
    {
        var worst = 0.0;
        foreach (var (name, (shape, expected)) in Outputs)
        {
            Assert.True(actual.ContainsKey(name), $"output {name} missing");
            Assert.Equal(shape, actual[name].Shape);
            var values = actual[name].Floats;
            for (var i = 0; i < expected.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(values[i] - expected[i]));
            }
        }
        return worst;
    }
}
