using System.Globalization;
using CsvHelper.Configuration;

namespace CpAlerts.Functions.Csv;

/// <summary>
/// How every CSV the program writes is written: a cell starting with =, +, -, @, tab or carriage
/// return is prefixed with an apostrophe (CsvHelper's InjectionOptions.Escape), so a team name like
/// =HYPERLINK(...) opens in a spreadsheet as text, not as a formula.
/// </summary>
public static class CsvOutput
{
    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
}
