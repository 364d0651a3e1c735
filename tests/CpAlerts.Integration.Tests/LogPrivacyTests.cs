using CpAlerts.Adapters.Csv;
using CpAlerts.Application.Configuration;

namespace CpAlerts.Integration.Tests;

/// <summary>The full demo pipeline with every logger at Trace: no child's name or date of birth, and no email address, in any line.</summary>
public class LogPrivacyTests
{
    [Fact]
    public void No_names_dates_of_birth_or_email_addresses_reach_the_logs()
    {
        var prefix = "l" + Guid.NewGuid().ToString("N")[..12];
        var output = Path.Combine(Path.GetTempPath(), "cpalerts-logs-" + prefix);
        var env = new Dictionary<string, string>
        {
            ["CpAlerts__Tables__ConnectionString"] = Azurite.ConnectionString,
            [TablesOptions.PrefixSetting.Replace(":", "__", StringComparison.Ordinal)] = prefix,
            ["Logging__LogLevel__Default"] = "Trace",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Trace",
            ["Logging__LogLevel__Microsoft"] = "Trace",
        };

        var (exit, stdout, stderr) = CpAlertsProcess.Run(env, "demo", "--out", output, "--children", "150", "--seed", "9", "--as-of", "2026-11-23");
        Assert.True(exit == 0, stderr);
        var logs = stdout + stderr;
        Assert.Contains("dbug:", logs, StringComparison.Ordinal); // Trace/Debug logging really was on
        Assert.Contains("DailySweep", logs, StringComparison.Ordinal);

        var export = RecordExportReader.ReadFolder(Path.Combine(output, "export"));
        // Dates the demo legitimately prints (as-of, the Monday, the 1st, period ends) are not evidence of a leak.
        string[] printedDates = ["2026-11-23", "2026-11-01", "2026-10-31", "2026-11-22"];
        foreach (var child in export.Children)
        {
            Assert.DoesNotContain($"{child.FirstName} {child.LastName}", logs, StringComparison.Ordinal);
            var born = child.DateOfBirth.ToString("yyyy-MM-dd", null);
            if (!printedDates.Contains(born))
            {
                Assert.DoesNotContain(born, logs, StringComparison.Ordinal);
            }
        }

        foreach (var member in export.Staff)
        {
            Assert.DoesNotContain(member.Name, logs, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("@council.example", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("@nhs.example", logs, StringComparison.Ordinal);
        Directory.Delete(output, recursive: true);
    }
}
