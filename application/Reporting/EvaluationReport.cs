using System.Text.Json;
using System.Text.Json.Serialization;
using CpAlerts.Application.Import;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Application.Reporting;

/// <summary>The JSON that `evaluate --format json` prints (DATA-FORMAT.md, "evaluate output").</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("asOf")] string AsOf,
    [property: JsonPropertyName("findings")] IReadOnlyList<EvaluationReport.FindingJson> Findings,
    [property: JsonPropertyName("rejected")] IReadOnlyList<EvaluationReport.RejectedJson> Rejected)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // stdout, never HTML
    };

    public static EvaluationReport Create(Instant asOf, IEnumerable<Finding> findings, IEnumerable<RejectedRow> rejected) => new(
        InstantPattern.ExtendedIso.Format(asOf),
        [.. findings.Select(f => new FindingJson(
            f.Rule.Code(),
            f.ChildId,
            f.SubjectId,
            LocalDatePattern.Iso.Format(f.DueDate),
            f.DueAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null,
            f.Status == FindingStatus.Overdue ? "overdue" : "due_soon",
            f.DaysOverdue,
            (int)f.Level,
            [.. f.Audiences.Select(a => a.ToString())]))],
        [.. rejected.Select(r => new RejectedJson(r.File, r.Line, r.Column, r.Reason))]);


    /// <summary>Writes the JSON straight to a stream: a large report is never held as one string.</summary>
    public void WriteJson(Stream output)
    {
        JsonSerializer.Serialize(output, this, Options);
        output.Write("\n"u8);
        output.Flush();
    }

    public sealed record FindingJson(
        [property: JsonPropertyName("rule")] string Rule,
        [property: JsonPropertyName("childId")] string ChildId,
        [property: JsonPropertyName("subjectId")] string SubjectId,
        [property: JsonPropertyName("dueDate")] string DueDate,
        [property: JsonPropertyName("dueAt")] string? DueAt,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("daysOverdue")] int DaysOverdue,
        [property: JsonPropertyName("level")] int Level,
        [property: JsonPropertyName("audiences")] IReadOnlyList<string> Audiences);

    public sealed record RejectedJson(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("line")] int Line,
        [property: JsonPropertyName("column")] string? Column,
        [property: JsonPropertyName("reason")] string Reason);
}
