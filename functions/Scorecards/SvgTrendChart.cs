using System.Globalization;
using System.Net;
using System.Text;

namespace CpAlerts.Functions.Scorecards;

/// <summary>
/// A small server-side line chart as inline SVG: 0–100% axis, the target as a dashed line, one labelled
/// point per month (gaps where there is no data). Readable without colour: values are printed.
/// </summary>
public static class SvgTrendChart
{
    private const int Width = 640, Height = 220, Left = 44, Right = 12, Top = 14, Bottom = 40;

    public static string Render(string title, IReadOnlyList<(string Label, double? Percent)> points, double target)
    {
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        double X(int i) => Left + ((Width - Left - Right) * (points.Count == 1 ? 0.5 : i / (double)(points.Count - 1)));
        double Y(double percent) => Top + ((Height - Top - Bottom) * (1 - (percent / 100)));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\" class=\"chart\">");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" stroke=\"#d0d0d0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1b1b\">{tick}%</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(target))}\" y2=\"{N(Y(target))}\" stroke=\"#1b1b1b\" stroke-dasharray=\"6 4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{N(Y(target) - 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#1b1b1b\">target {N(target)}%</text>");

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
            var (label, percent) = points[i];
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#1b1b1b\">{WebUtility.HtmlEncode(label)}</text>");
            if (percent is { } p)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(p))}\" r=\"3.5\" fill=\"#1d5aa6\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{N(Y(p) - 8)}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#1b1b1b\">{N(p)}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
