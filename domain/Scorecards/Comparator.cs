namespace CpAlerts.Domain.Scorecards;

/// <summary>
/// A figure to compare a measure with, which a council copies from published statistics (England, or its
/// statistical neighbours), shown with where it came from so a board can weigh it.
/// </summary>
/// <param name="Percent">The comparator's percentage.</param>
/// <param name="Label">Whose figure it is, e.g. "England" or "Statistical neighbours".</param>
/// <param name="Source">Where and for which year, e.g. "DfE, Children looked after in England, year ending 31 March 2025".</param>
public sealed record Comparator(double Percent, string Label, string Source)
{
    /// <summary>"England 89%", as a table cell says it.</summary>
    public string Text => $"{Label} {Percent.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%";
}
