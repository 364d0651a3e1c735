using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Scorecards;
using CsvHelper;
using NodaTime.Text;

namespace CpAlerts.Adapters.Scorecards;

/// <summary>
/// The scorecard as CSV (one row per group and measure) and JSON, for councils' own reporting tools (Power BI):
/// the shapes are documented in docs/scorecard-export.md and carry <see cref="SchemaVersion"/>; a test pins them,
/// so a column is only ever added with a new version, never renamed or moved.
/// </summary>
public static class ScorecardExports
{
    /// <summary>2 added the band in the page's words (`status_text`) when the bands were named for the target.</summary>
    public const int SchemaVersion = 2;

    /// <summary>The CSV's columns, in order (docs/scorecard-export.md).</summary>
    public static readonly string[] CsvColumns =
        ["schema_version", "council", "group", "period_label", "period_start", "period_end", "measure", "numerator", "denominator", "percent", "status", "suppressed", "definition", "status_text"];

    /// <summary>
    /// The `status` code, as version 1 wrote it: councils' tools match on these, so they stay when the words people read
    /// change (docs/scorecard-export.md says which band each is). Too few to show and none counted stay one code, told
    /// apart by `suppressed`.
    /// </summary>
    public static string StatusCode(RagStatus status) => status switch
    {
        RagStatus.OnTarget => "Outstanding",
        RagStatus.CloseToTarget => "Good",
        RagStatus.BelowTarget => "Requires improvement",
        RagStatus.WellBelowTarget => "Inadequate",
        _ => "No data",
    };

    // Cells a spreadsheet would run as a formula are escaped, as in every CSV CpAlerts writes (Adapters.Csv.CsvOutput).
    private static CsvHelper.Configuration.CsvConfiguration FormulaSafe => new(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape };

    public static string Csv(ScorecardReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, FormulaSafe))
        {
            foreach (var header in CsvColumns)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var scorecard in report.Teams.Prepend(report.Overall))
            {
                foreach (var m in scorecard.Measures)
                {
                    csv.WriteField(SchemaVersion);
                    csv.WriteField(report.Council);
                    csv.WriteField(scorecard == report.Overall ? "Council" : scorecard.Group);
                    csv.WriteField(scorecard.Period.Label);
                    csv.WriteField(LocalDatePattern.Iso.Format(scorecard.Period.Start));
                    csv.WriteField(LocalDatePattern.Iso.Format(scorecard.Period.End));
                    csv.WriteField(m.Id);
                    csv.WriteField(m.Numerator);
                    csv.WriteField(m.Denominator);
                    csv.WriteField(m.Percent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(StatusCode(report.Policy.StatusOf(m)));
                    csv.WriteField(report.Policy.IsTooSmall(m) ? "yes" : "no");
                    csv.WriteField(m.Definition);
                    csv.WriteField(ScorecardPolicy.Words(report.Policy.StatusOf(m)));
                    csv.NextRecord();
                }
            }
        }

        return text.ToString();
    }

    public static string Json(ScorecardReport report)
    {
        JsonObject Card(Scorecard s) => new()
        {
            ["group"] = s.Group,
            ["periodLabel"] = s.Period.Label,
            ["periodStart"] = LocalDatePattern.Iso.Format(s.Period.Start),
            ["periodEnd"] = LocalDatePattern.Iso.Format(s.Period.End),
            ["measures"] = new JsonArray([.. s.Measures.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Id, ["title"] = m.Title, ["numerator"] = m.Numerator, ["denominator"] = m.Denominator,
                ["percent"] = m.Percent, ["status"] = StatusCode(report.Policy.StatusOf(m)), ["suppressed"] = report.Policy.IsTooSmall(m),
                ["definition"] = m.Definition,
                ["comparator"] = report.Policy.Comparators.GetValueOrDefault(m.Id) is { } c
                    ? new JsonObject { ["percent"] = c.Percent, ["label"] = c.Label, ["source"] = c.Source }
                    : null,
                ["statusText"] = ScorecardPolicy.Words(report.Policy.StatusOf(m)),
            })]),
            ["openFindings"] = new JsonArray([.. s.OpenFindings.OrderBy(kv => kv.Key.Rule).ThenBy(kv => kv.Key.Level).Select(kv => (JsonNode)new JsonObject
            {
                ["rule"] = Domain.Rules.RuleIds.Code(kv.Key.Rule), ["level"] = (int)kv.Key.Level, ["count"] = kv.Value,
            })]),
        };
        var json = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["council"] = report.Council,
            ["target"] = report.Policy.Target,
            ["overall"] = Card(report.Overall),
            ["previous"] = Card(report.Previous),
            ["teams"] = new JsonArray([.. report.Teams.Select(t => (JsonNode)Card(t))]),
            ["trend"] = new JsonArray([.. report.Trend.Select(t => (JsonNode)Card(t))]),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
