using System.Text.RegularExpressions;
using CpAlerts.Application.Import;
using CpAlerts.Domain.Rules;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// docs/rules.md and docs/data-format.md are this project's normative definitions, and they say what the code does:
/// every rule the rules table names is implemented and every implemented rule is in the table; every column the
/// export format names is one the importer reads, required exactly where the format makes it bold, and the importer
/// reads no column the format does not name. Everything checked is inside the repository.
/// </summary>
public partial class NormativeDocsTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", name));

    private static readonly string Reader = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "adapters", "Csv", "RecordExportReader.cs"));

    [Fact]
    public void Every_rule_in_the_rules_table_is_implemented_and_every_implemented_rule_is_in_it()
    {
        var rules = Doc("rules.md");
        var table = rules[rules.IndexOf("## The rules", StringComparison.Ordinal)..rules.IndexOf("A satisfied rule", StringComparison.Ordinal)];
        var documented = TableRuleId().Matches(table).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(Enum.GetValues<RuleId>().Select(r => r.Code()).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.Equal(documented.Count, documented.Distinct().Count());
    }

    [Fact]
    public void Every_rule_has_a_row_in_the_escalation_table()
    {
        var rules = Doc("rules.md");
        var table = rules[rules.IndexOf("| rule | level-2 threshold", StringComparison.Ordinal)..rules.IndexOf("Audiences accumulate", StringComparison.Ordinal)];
        Assert.Equal(Enum.GetValues<RuleId>().Select(r => r.Code()).Order(StringComparer.Ordinal), TableRuleId().Matches(table).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_column_the_format_names_is_read_by_the_importer_and_it_reads_no_other()
    {
        var format = Doc("data-format.md");
        var documented = new Dictionary<string, HashSet<string>>();
        var required = new Dictionary<string, HashSet<string>>();
        foreach (Match row in FileRow().Matches(format))
        {
            var columns = Parenthesised().Replace(row.Groups[2].Value, "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            documented[row.Groups[1].Value] = [.. columns.Select(c => c.Trim('*'))];
            required[row.Groups[1].Value] = [.. columns.Where(c => c.StartsWith("**", StringComparison.Ordinal)).Select(c => c.Trim('*'))];
        }

        // The project's own optional columns: iro_id and the IHA request details (children.csv's, unless a row names its file: staff.csv's phone).
        var notes = format[format.IndexOf("## In this project", StringComparison.Ordinal)..];
        documented[ExportFiles.Children].UnionWith(OptionalColumn().Matches(notes).Select(m => m.Groups[1].Value));
        var iha = notes[notes.IndexOf("| column | meaning", StringComparison.Ordinal)..];
        foreach (Match row in IhaTableRow().Matches(iha))
        {
            var file = row.Groups[2].Success ? row.Groups[2].Value : ExportFiles.Children;
            documented[file].UnionWith(Backticked().Matches(row.Groups[1].Value).Select(c => c.Groups[1].Value));
        }

        Assert.Equal(ExportFiles.KnownColumns.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, columns) in ExportFiles.KnownColumns)
        {
            Assert.Equal(columns.Order(StringComparer.Ordinal), documented[file].Order(StringComparer.Ordinal));
            Assert.Equal(ExportFiles.RequiredColumns[file].Order(StringComparer.Ordinal), required[file].Order(StringComparer.Ordinal));
            // Known is not enough: the reader asks for each by name.
            Assert.All(columns, c => Assert.Contains($"\"{c}\"", Reader, StringComparison.Ordinal));
        }
    }

    [GeneratedRegex(@"^\| `([A-Z_]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRuleId();

    [GeneratedRegex(@"^\| `(\w+\.csv)` \| (.+) \|$", RegexOptions.Multiline)]
    private static partial Regex FileRow();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"^- `(\w+)` \(children\.csv, optional\)", RegexOptions.Multiline)]
    private static partial Regex OptionalColumn();

    [GeneratedRegex(@"^\| ((?:`\w+`(?:, )?)+)(?: \((\w+\.csv)\))? \|", RegexOptions.Multiline)]
    private static partial Regex IhaTableRow();

    [GeneratedRegex(@"`(\w+)`")]
    private static partial Regex Backticked();
}
