using System.Globalization;
using System.Text;

namespace TutorApp.Web.Observability;

/// <summary>
/// Writes metric snapshots in the Prometheus text exposition format (version 0.0.4), naming them the way the
/// OpenTelemetry Prometheus exporter does: dots become underscores, the unit is appended ("s" as "_seconds"), counters
/// end in "_total", histograms become _bucket/_sum/_count series.
/// </summary>
public static class PrometheusTextFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(IEnumerable<MetricSnapshot> snapshots)
    {
        var text = new StringBuilder();
        // Two instruments can map to one name (same instrument in two meters): one HELP/TYPE block for both.
        foreach (var family in snapshots.Where(s => s.Points.Count > 0).GroupBy(MetricName, StringComparer.Ordinal))
        {
            var first = family.First();
            var type = first.Kind switch { MetricKind.Counter => "counter", MetricKind.Histogram => "histogram", _ => "gauge" };
            if (!string.IsNullOrEmpty(first.Description))
            {
                text.Append("# HELP ").Append(family.Key).Append(' ').Append(EscapeHelp(first.Description)).Append('\n');
            }
            text.Append("# TYPE ").Append(family.Key).Append(' ').Append(type).Append('\n');
            foreach (var snapshot in family)
            {
                foreach (var point in snapshot.Points)
                {
                    if (snapshot.Kind == MetricKind.Histogram)
                    {
                        WriteHistogram(text, family.Key, snapshot.Bounds!, point);
                    }
                    else
                    {
                        WriteSample(text, family.Key, point.Labels, null, Format(point.Value));
                    }
                }
            }
        }
        return text.ToString();
    }

    public static string MetricName(MetricSnapshot snapshot)
    {
        var name = Sanitize(snapshot.Name);
        var unit = UnitSuffix(snapshot.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }
        return snapshot.Kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static void WriteHistogram(StringBuilder text, string name, double[] bounds, MetricPoint point)
    {
        var buckets = point.CumulativeBuckets!;
        for (var i = 0; i < bounds.Length; i++)
        {
            WriteSample(text, name + "_bucket", point.Labels, Format(bounds[i]), buckets[i].ToString(CultureInfo.InvariantCulture));
        }
        WriteSample(text, name + "_bucket", point.Labels, "+Inf", buckets[^1].ToString(CultureInfo.InvariantCulture));
        WriteSample(text, name + "_sum", point.Labels, null, Format(point.Sum));
        WriteSample(text, name + "_count", point.Labels, null, point.Count.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteSample(StringBuilder text, string name, IReadOnlyList<KeyValuePair<string, string>> labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Count > 0 || le is not null)
        {
            text.Append('{');
            var separator = "";
            foreach (var (key, labelValue) in labels)
            {
                text.Append(separator).Append(Sanitize(key)).Append("=\"").Append(EscapeLabel(labelValue)).Append('"');
                separator = ",";
            }
            if (le is not null)
            {
                text.Append(separator).Append("le=\"").Append(le).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(value).Append('\n');
    }

    /// <summary>Units in braces ("{request}") are annotations and add nothing; the UCUM codes in use get their words.</summary>
    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ when unit.StartsWith('{') => "",
        _ => Sanitize(unit),
    };

    private static string Sanitize(string name)
    {
        var result = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            result.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':' ? c : '_');
        }
        if (result.Length > 0 && char.IsAsciiDigit(result[0]))
        {
            result.Insert(0, '_');
        }
        return result.ToString();
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string EscapeLabel(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string EscapeHelp(string value) => value.Replace("\\", "\\\\").Replace("\n", "\\n");
}
