using System.Globalization;
using System.Net;
using System.Text;
using TutorApp.Tutoring.Simulation;

namespace TutorApp.Cli.Evaluation;

/// <summary>A self-contained HTML page (inline SVG, no script) with success@k and telling@k per policy beside the human teachers.</summary>
public static class EvaluationChart
{
    private const int PanelWidth = 420, PanelHeight = 280, Margin = 44;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    public static string Html(EvaluationReport report)
    {
        var series = report.Policies.Select((p, i) => (Name: p.Policy, Curve: p.Metrics, Colour: Colours[i % Colours.Length], Dashed: false))
            .Append((Name: "MathDial teachers", Curve: report.Anchor.Measured, Colour: "#555555", Dashed: true)).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tutoring evaluation</title>")
            .Append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}</style></head><body>")
            .Append("<h1>Tutoring evaluation: MathDial interactive metrics</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>{Encode(report.Settings.Problems)}: {report.Problems} problems, {report.Settings.StudentsPerProblem} simulated students each, ")
            .Append(CultureInfo.InvariantCulture, $"seed {report.Settings.Seed}, at most {report.Settings.MaxTurns} student turns. Human teachers measured on {Encode(report.Anchor.Source)} ")
            .Append(CultureInfo.InvariantCulture, $"(paper: success@5 = {report.Anchor.PaperSuccessAt5:0.00}, telling@7 = {report.Anchor.PaperTellingAt7:0.00}).</p>")
            .Append(Panel("success@k (higher is better)", series.Select(s => (s.Name, s.Curve.SuccessAtK, s.Colour, s.Dashed)).ToList()))
            .Append(Panel("telling@k (lower is better)", series.Select(s => (s.Name, s.Curve.TellingAtK, s.Colour, s.Dashed)).ToList()))
            .Append("<table><tr><th>tutor</th>");
        for (var k = 1; k <= InteractiveMetrics.MaxK; k++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>s@{k}</th>");
        }
        for (var k = 1; k <= InteractiveMetrics.MaxK; k++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>t@{k}</th>");
        }
        html.Append("</tr>");
        foreach (var (name, curve, _, _) in series)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(name)}</td>");
            foreach (var value in curve.SuccessAtK.Concat(curve.TellingAtK))
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{value:0.000}</td>");
            }
            html.Append("</tr>");
        }
        return html.Append("</table></body></html>\n").ToString();
    }

    private static string Panel(string title, IReadOnlyList<(string Name, IReadOnlyList<double> Values, string Colour, bool Dashed)> series)
    {
        var svg = new StringBuilder();
        var plotWidth = PanelWidth - 2 * Margin;
        var plotHeight = PanelHeight - 2 * Margin;
        double X(int k) => Margin + (k - 1) * plotWidth / (double)(InteractiveMetrics.MaxK - 1);
        double Y(double v) => Margin + (1 - v) * plotHeight;
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PanelWidth + 160}\" height=\"{PanelHeight}\" role=\"img\" aria-label=\"{Encode(title)}\">")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"20\" font-size=\"14\">{Encode(title)}</text>");
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = tick / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" x2=\"{Margin + plotWidth}\" y1=\"{Y(value):0.#}\" y2=\"{Y(value):0.#}\" stroke=\"#eee\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin - 6}\" y=\"{Y(value) + 4:0.#}\" font-size=\"11\" text-anchor=\"end\">{value:0.00}</text>");
        }
        for (var k = 1; k <= InteractiveMetrics.MaxK; k++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(k):0.#}\" y=\"{Margin + plotHeight + 16}\" font-size=\"11\" text-anchor=\"middle\">{k}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + plotWidth / 2}\" y=\"{PanelHeight - 6}\" font-size=\"11\" text-anchor=\"middle\">k (tutor turns)</text>");
        for (var i = 0; i < series.Count; i++)
        {
            var (name, values, colour, dashed) = series[i];
            var points = string.Join(" ", values.Select((v, index) => string.Create(CultureInfo.InvariantCulture, $"{X(index + 1):0.#},{Y(v):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")} points=\"{points}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<line x1=\"{PanelWidth - 20}\" x2=\"{PanelWidth}\" y1=\"{Margin + 18 * i}\" y2=\"{Margin + 18 * i}\" stroke=\"{colour}\" stroke-width=\"2\"{(dashed ? " stroke-dasharray=\"6 4\"" : "")}/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{PanelWidth + 6}\" y=\"{Margin + 18 * i + 4}\" font-size=\"12\">{Encode(name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
