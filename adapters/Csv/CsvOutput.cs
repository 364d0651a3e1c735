using System.Globalization;
using CpAlerts.Application.Delivery;
using CsvHelper;
using CsvHelper.Configuration;

namespace CpAlerts.Adapters.Csv;

/// <summary>
/// How every CSV the program writes is written: a cell starting with =, +, -, @, tab or carriage
/// return is prefixed with an apostrophe (CsvHelper's InjectionOptions.Escape), so a team name like
/// =HYPERLINK(...) opens in a spreadsheet as text, not as a formula.
/// </summary>
public static class CsvOutput
{
    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    /// <summary>
    /// A list as CSV bytes (UTF-8), for an email attachment. Formula-safe like every CSV we write, except that a
    /// plain number keeps its minus sign ("-3 working days" must stay a number a spreadsheet can sort), which
    /// CsvHelper's escaping would turn into the text "'-3".
    /// </summary>
    public static byte[] Write(TableAttachment table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None }))
        {
            foreach (var name in table.Header)
            {
                csv.WriteField(name);
            }

            csv.NextRecord();
            foreach (var row in table.Rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(FormulaSafe(cell));
                }

                csv.NextRecord();
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A cell a spreadsheet could run as a formula gets a leading apostrophe (the characters CsvHelper escapes); a plain number does not.</summary>
    public static string FormulaSafe(string cell) =>
        cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) && !double.TryParse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)
            ? "'" + cell
            : cell;
}
