namespace CpAlerts.Application.Delivery;

/// <summary>A list attached to an email as a spreadsheet (the Csv adapter writes it, formula-safe).</summary>
/// <param name="FileName">The attachment's file name, e.g. "cpalerts-baseline-DEMO-2026-11-16.csv".</param>
/// <param name="Header">The column names.</param>
/// <param name="Rows">One row per line, in column order.</param>
public sealed record TableAttachment(string FileName, IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows);
