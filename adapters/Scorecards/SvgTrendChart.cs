using System.Globalization;
using System.Net;
using System.Text;

namespace CpAlerts.Adapters.Scorecards;

/// <summary>
/// A small server-side line chart as inline SVG: 0–100% axis, the target as a dashed line (named in a legend
/// under the chart, so it never sits on the data), one labelled point per month (gaps where there is no data
/// or too few children). Readable without colour: values are printed, each point has a tooltip with its
/// count, and the page puts the same figures in a table under the chart. Every label stays inside the
/// drawing: the plot is inset from both edges, and the top leaves room for a 100% value above its point.
/// </summary>
public static class SvgTrendChart
{
    public const int Width = 640, Height = 236;
    private const int Left = 44, Right = 24, Top = 26, Bottom = 52, Inset = 18;

    /// <summary>One month on the chart: its axis label, the percentage (null: a gap) and what the tooltip says.</summary>
    public sealed record Point(string Label, double? Percent, string Tooltip);

    public static string Render(string title, IReadOnlyList<Point> points, double target)
    {
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        static string E(string s) => WebUtility.HtmlEncode(s);
        double X(int i) => Left + Inset + ((Width - Left - Right - (2 * Inset)) * (points.Count == 1 ? 0.5 : i / (double)(points.Count - 1)));
        double Y(double percent) => Top + ((Height - Top - Bottom) * (1 - (percent / 100)));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\" class=\"chart\">");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" stroke=\"#d0d0d0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{tick}%</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(target))}\" y2=\"{N(Y(target))}\" stroke=\"#1b1b1b\" stroke-dasharray=\"6 4\"/>");

        // One polyline per run of months with data.
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#1d5aa6\" stroke-width=\"2.5\" points=\"{string.Join(' ', run)}\"/>");
            }

            run.Clear();
        }

        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Percent is { } p)
            {
                run.Add($"{N(X(i))},{N(Y(p))}");
            }
            else
            {
                Flush();
            }
        }

        Flush();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1b\">{E(point.Label)}</text>");
            if (point.Percent is { } p)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(p))}\" r=\"4\" fill=\"#1d5aa6\"><title>{E(point.Tooltip)}</title></circle>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{N(X(i))}\" y=\"{N(Y(p) - 9)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1b1b\">{N(p)}</text>");
            }
        }

        // The legend, under the month labels: what the dashed line is.
        var legendY = Height - 10;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + 28}\" y1=\"{legendY - 4}\" y2=\"{legendY - 4}\" stroke=\"#1b1b1b\" stroke-dasharray=\"6 4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 34}\" y=\"{legendY}\" font-size=\"12\" fill=\"#1b1b1b\">target {N(target)}%</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
