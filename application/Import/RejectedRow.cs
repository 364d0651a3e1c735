namespace CpAlerts.Application.Import;

/// <summary>A row that was not used, and why: file, line number (header is line 1), column and reason.</summary>
public sealed record RejectedRow(string File, int Line, string? Column, string Reason)
{
    public override string ToString() => $"{File}:{Line}{(Column is null ? "" : $" [{Column}]")}: {Reason}";
}
