using System.Text.Json;
using System.Text.Json.Nodes;

namespace CpAlerts.Functions.Tests;

public class EvaluateCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    [Fact]
    public void Tricky_fixture_gives_the_hand_checked_findings()
    {
        var asOf = File.ReadAllText(Fixture("tricky.as-of")).Trim();
        var (exit, stdout, stderr) = CpAlertsProcess.Run("evaluate", "--data", Fixture("tricky"), "--as-of", asOf, "--format", "json");

        Assert.Equal(1, exit); // one rejected row
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(Fixture("tricky.expected.json"))), JsonNode.Parse(stdout)), stdout);
        Assert.Contains("rejected", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_has_exactly_the_documented_shape()
    {
        var (_, stdout, _) = CpAlertsProcess.Run("evaluate", "--data", Fixture("tricky"), "--as-of", "2026-12-29T08:00:00Z");
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(["asOf", "findings", "rejected"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-12-29T08:00:00Z", doc.RootElement.GetProperty("asOf").GetString());
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal(
            ["rule", "childId", "subjectId", "dueDate", "dueAt", "status", "daysOverdue", "level", "audiences"],
            f.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(["file", "line", "column", "reason"], doc.RootElement.GetProperty("rejected")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Policy_overrides_come_from_configuration_without_a_rebuild()
    {
        var env = new Dictionary<string, string> { ["CpAlerts__Policy__Rules__DENTAL_CHECK__Level2ThresholdDays"] = "1000" };
        var (_, stdout, _) = CpAlertsProcess.Run(env, "evaluate", "--data", Fixture("tricky"), "--as-of", "2026-12-29T08:00:00Z");
        var c05 = JsonNode.Parse(stdout)!["findings"]!.AsArray().Single(f => (string?)f!["childId"] == "C05" && (string?)f["rule"] == "DENTAL_CHECK")!;
        Assert.Equal(1, (int)c05["level"]!);
    }

    [Theory]
    [InlineData("CpAlerts__Policy__Rules__DENTAL_CHECK__Level2ThresholdDays", "soon", "CpAlerts__Policy__Rules__DENTAL_CHECK__Level2ThresholdDays")]
    [InlineData("CpAlerts__Policy__Rules__IHA_REQUEST__Level1Adds", "Boss", "'Boss' is not an audience")]
    [InlineData("CpAlerts__Calendar__ExtraBankHolidays", "2026-13-01", "CpAlerts__Calendar__ExtraBankHolidays")]
    public void A_bad_setting_is_named_and_nothing_is_printed(string key, string value, string message)
    {
        var (exit, stdout, stderr) = CpAlertsProcess.Run(new Dictionary<string, string> { [key] = value }, "evaluate", "--data", Fixture("tricky"));
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_format_is_for_people()
    {
        var (_, stdout, _) = CpAlertsProcess.Run("evaluate", "--data", Fixture("tricky"), "--as-of", "2026-12-29T08:00:00Z", "--format", "table");
        Assert.Contains("Initial health assessment request", stdout, StringComparison.Ordinal);
        Assert.Contains("rejected children.csv:9 [date_of_birth]", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--data", "/nonexistent/folder", "does not exist")]
    [InlineData("--as-of", "next tuesday", "is not an instant or a date")]
    public void Bad_arguments_say_what_to_do(string option, string value, string message)
    {
        string[] args = option == "--data" ? ["evaluate", option, value] : ["evaluate", "--data", Fixture("tricky"), option, value];
        var (exit, _, stderr) = CpAlertsProcess.Run(args);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_as_of_date_means_london_midnight()
    {
        var (_, stdout, _) = CpAlertsProcess.Run("evaluate", "--data", Fixture("tricky"), "--as-of", "2026-07-01");
        Assert.Equal("2026-06-30T23:00:00Z", (string?)JsonNode.Parse(stdout)!["asOf"]);
    }

    [Fact]
    public void Report_iha_prints_the_monday_report_for_any_date_by_case_reference()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"cpalerts-iha-{Guid.NewGuid():N}.csv");
        var (exit, stdout, stderr) = CpAlertsProcess.Run("report", "iha", "--data", Fixture("tricky"), "--as-of", "2026-12-29T08:00:00Z", "--csv", csv);

        Assert.Equal(0, exit);
        // C01 entered care on Christmas Eve and is not yet requested: first. C02 (section 20, consent pending) was requested on time.
        // C03 left care that day and C04 enters the day after: not on it.
        Assert.Contains("2 in the window, 1 not yet requested, 0 requested late, 1 on time", stdout, StringComparison.Ordinal);
        Assert.Contains("C01: entered care Thu 24 Dec 2026; NOT YET REQUESTED", stdout, StringComparison.Ordinal);
        Assert.Contains("C02: entered care Sat 28 Nov 2026; requested Tue 1 Dec 2026; IHA due Tue 29 Dec 2026 (0 working days left)", stdout, StringComparison.Ordinal);
        Assert.Contains("consent needed from the parents (section 20)", stdout, StringComparison.Ordinal);
        Assert.True(stdout.IndexOf("C01:", StringComparison.Ordinal) < stdout.IndexOf("C02:", StringComparison.Ordinal));
        Assert.DoesNotContain("C03:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("C04:", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha", stdout, StringComparison.Ordinal); // references, never names
        Assert.Equal(3, File.ReadAllLines(csv).Length);
        Assert.Contains("2 children in the IHA window", stderr, StringComparison.Ordinal);
        File.Delete(csv);
    }
}
