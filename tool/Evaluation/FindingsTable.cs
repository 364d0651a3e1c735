using System.Text;
using CpAlerts.Application.Reporting;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Tool.Evaluation;

/// <summary>`evaluate --format table`: the findings as aligned columns for a person at a terminal.</summary>
public static class FindingsTable
{
    public static string Render(EvaluationReport report)
    {
        string[] header = ["Level", "Status", "Days late", "Due", "Child", "Subject", "Rule", "Tell"];
        var rows = report.Findings
            .Select(f => new[]
            {
                f.Level.ToString(), f.Status.Replace('_', ' '), f.DaysOverdue.ToString(), f.DueAt ?? f.DueDate,
                f.ChildId, f.SubjectId, RuleIds.TryParse(f.Rule, out var r) ? r.Title() : f.Rule, string.Join(", ", f.Audiences),
            })
            .ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();

        var text = new StringBuilder();
        text.AppendLine($"As of {report.AsOf}: {report.Findings.Count} finding(s), {report.Rejected.Count} rejected row(s)");
        void Line(IReadOnlyList<string> cells) =>
            text.AppendLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        Line([.. widths.Select(w => new string('-', w))]);
        rows.ForEach(Line);
        foreach (var r in report.Rejected)
        {
            text.AppendLine($"rejected {r.File}:{r.Line}{(r.Column is null ? "" : $" [{r.Column}]")}: {r.Reason}");
        }

        return text.ToString();
    }
}
