using System.Globalization;
using System.Net;
using System.Text;
using NodaTime;

namespace CpAlerts.Adapters.Scorecards;

/// <summary>
/// A small server-side line chart as inline SVG: 0–100% axis, the target as a dashed line (named in a legend
/// under the chart, so it never sits on the data), one labelled point per month (gaps where there is no data
/// or too few children). Readable without colour: values are printed, each point has a tooltip with its
/// count, and the page puts the same figures in a table under the chart. Every label stays inside the
/// drawing: the plot is inset from both edges, and the top leaves room for a 100% value above its point.
/// </summary>
/// <remarks>
/// The axis says the year under the first month and under each January (twelve months span two years, and "Dec"
/// alone does not say which); a month still running is drawn hollow, starred and explained in the legend, so a
/// part month is not read as a full one. The drawing is narrow (<see cref="Width"/>) so its text stays legible where
/// the page sets it beside the team table, as the printed board paper does.
/// </remarks>
public static class SvgTrendChart
{
    public const int Width = 420, Height = 214;
    private const int Left = 40, Right = 10, Top = 24, Bottom = 62, Inset = 14;

    /// <summary>One month on the chart: its first day, the percentage (null: a gap) and what the tooltip says.</summary>
    public sealed record Point(LocalDate Month, double? Percent, string Tooltip);

    /// <summary>The chart; <paramref name="lastMonthTo"/>: the last day counted when the last month is still running (null: it is complete).</summary>
    public static string Render(string title, IReadOnlyList<Point> points, double target, LocalDate? lastMonthTo = null)
    {
        static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        static string E(string s) => WebUtility.HtmlEncode(s);
        double X(int i) => Left + Inset + ((Width - Left - Right - (2 * Inset)) * (points.Count == 1 ? 0.5 : i / (double)(points.Count - 1)));
        double Y(double percent) => Top + ((Height - Top - Bottom) * (1 - (percent / 100)));
        const int PlotBottom = Height - Bottom;
        bool Partial(int i) => lastMonthTo is not null && i == points.Count - 1;
        var partialNote = lastMonthTo is { } to ? $"{to.ToString("MMM", CultureInfo.InvariantCulture)}* to {to.ToString("d MMM", CultureInfo.InvariantCulture)}: month not over" : null;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title + (partialNote is null ? "" : $" ({partialNote})"))}\" class=\"chart\">");
        foreach (var tick in new[] { 0, 25, 50, 75, 100 })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(tick))}\" y2=\"{N(Y(tick))}\" stroke=\"#d0d0d0\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{N(Y(tick) + 4)}\" text-anchor=\"end\" font-size=\"12\" fill=\"#1b1b1b\">{tick}%</text>");
        }

        // Where a year turns, a faint rule from the plot down to the year it starts.
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Month.Year != points[i - 1].Month.Year)
            {
                var between = N((X(i - 1) + X(i)) / 2);
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{between}\" x2=\"{between}\" y1=\"{Top}\" y2=\"{PlotBottom + 34}\" stroke=\"#d0d0d0\"/>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(Y(target))}\" y2=\"{N(Y(target))}\" stroke=\"#1b1b1b\" stroke-dasharray=\"6 4\"/>");

        // One polyline per run of complete months with data; the step to a month still running is dashed.
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
            if (points[i].Percent is { } p && !Partial(i))
            {
                run.Add($"{N(X(i))},{N(Y(p))}");
            }
            else
            {
                Flush();
            }
        }

        Flush();
        if (points.Count > 1 && lastMonthTo is not null && points[^1].Percent is { } last && points[^2].Percent is { } before)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(X(points.Count - 2))}\" y1=\"{N(Y(before))}\" x2=\"{N(X(points.Count - 1))}\" y2=\"{N(Y(last))}\" stroke=\"#1d5aa6\" stroke-width=\"2.5\" stroke-dasharray=\"4 3\"/>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var month = point.Month.ToString("MMM", CultureInfo.InvariantCulture) + (Partial(i) ? "*" : "");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(i))}\" y=\"{PlotBottom + 16}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1b1b1b\">{E(month)}</text>");
            if (i == 0 || point.Month.Year != points[i - 1].Month.Year)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"year\" x=\"{N(X(i))}\" y=\"{PlotBottom + 30}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"bold\" fill=\"#1b1b1b\">{point.Month.Year}</text>");
            }

            if (point.Percent is { } p)
            {
                var fill = Partial(i) ? "#fff" : "#1d5aa6";
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(i))}\" cy=\"{N(Y(p))}\" r=\"4\" fill=\"{fill}\" stroke=\"#1d5aa6\" stroke-width=\"2\"><title>{E(point.Tooltip)}</title></circle>");
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{N(X(i))}\" y=\"{N(Y(p) - 9)}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#1b1b1b\">{N(p)}</text>");
            }
        }

        // The legend, under the axis: what the dashed line is, and which month is not over.
        var legendY = Height - 8;
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left + 24}\" y1=\"{legendY - 4}\" y2=\"{legendY - 4}\" stroke=\"#1b1b1b\" stroke-dasharray=\"6 4\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + 30}\" y=\"{legendY}\" font-size=\"12\" fill=\"#1b1b1b\">target {N(target)}%</text>");
        if (partialNote is not null)
        {
            const int NoteX = Left + 126;
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{NoteX}\" cy=\"{legendY - 4}\" r=\"4\" fill=\"#fff\" stroke=\"#1d5aa6\" stroke-width=\"2\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"partial\" x=\"{NoteX + 8}\" y=\"{legendY}\" font-size=\"12\" fill=\"#1b1b1b\">{E(partialNote)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
