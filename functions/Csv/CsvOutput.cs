using System.Globalization;
using CpAlerts.Functions.Delivery;
using CsvHelper;
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

    /// <summary>A list as CSV bytes (UTF-8), for an email attachment.</summary>
    public static byte[] Write(TableAttachment table)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
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
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }
}
