using System.Text.RegularExpressions;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// Dependencies point one way: Domain ← Configuration (validated options) ← application (decisions and
/// ports) ← adapters (storage, email, CSV, renderers) ← host (the handler, the local stand-in for Azure,
/// jobs and verbs). Checked on the source, every way one namespace can name another: a using directive, a
/// fully qualified name, or a name relative to CpAlerts.Functions.
/// </summary>
public class ArchitectureTests
{
    /// <summary>The layer of each namespace under CpAlerts.Functions; a namespace may use its own layer or a lower one.</summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>
    {
        ["Configuration"] = 1,
        ["Messages"] = 2, ["Ports"] = 2, ["Import"] = 2, ["Reporting"] = 2, ["Sweep"] = 2, ["Delivery"] = 2,
        ["Storage"] = 3, ["Queues"] = 3, ["Telemetry"] = 3, ["Web"] = 3, ["Email"] = 3, ["Csv"] = 3, ["Scorecards"] = 3, ["Evaluation"] = 3, ["Synthetic"] = 3, ["Operations"] = 3,
        ["Handler"] = 4, ["LocalRun"] = 4, ["Jobs"] = 4, ["Cli"] = 4, [""] = 4,
    };

    private static readonly Regex Namespace = new(@"^namespace CpAlerts\.Functions(?:\.(\w+))?;", RegexOptions.Multiline);

    public sealed record Reference(string File, string From, string To);

    /// <summary>Every reference from one namespace of CpAlerts.Functions to another, in the given sources.</summary>
    public static IReadOnlyList<Reference> References(IEnumerable<(string File, string Text)> sources)
    {
        var names = string.Join("|", Layers.Keys.Where(k => k.Length > 0));
        var qualified = new Regex($@"CpAlerts\.Functions\.({names})\b");
        var relative = new Regex($@"(?<![\w.""])({names})\.[A-Z]");
        var found = new List<Reference>();
        foreach (var (file, text) in sources)
        {
            var code = Regex.Replace(text, @"//.*$|""(?:[^""\\]|\\.)*""", "", RegexOptions.Multiline); // comments and strings say nothing
            var from = Namespace.Match(text) is { Success: true } m ? m.Groups[1].Value : "";
            foreach (var to in qualified.Matches(code).Concat(relative.Matches(code)).Select(r => r.Groups[1].Value).Distinct())
            {
                if (to != from)
                {
                    found.Add(new Reference(file, from, to));
                }
            }
        }

        return found;
    }

    /// <summary>References against the direction, and namespaces that depend on each other in a circle.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<Reference> references)
    {
        var problems = references.Where(r => !Layers.ContainsKey(r.From))
            .Select(r => $"{r.File}: namespace '{r.From}' has no layer; add it to ArchitectureTests.Layers").ToList();
        problems.AddRange(references.Where(r => Layers.ContainsKey(r.From) && Layers[r.To] > Layers[r.From])
            .Select(r => $"{r.File}: {Show(r.From)} (layer {Layers[r.From]}) uses {r.To} (layer {Layers[r.To]})"));

        var edges = references.Select(r => (r.From, r.To)).Distinct().ToLookup(e => e.From, e => e.To);
        foreach (var start in edges.Select(e => e.Key))
        {
            // A path back to the start is a cycle (depth-first, each namespace once).
            var seen = new HashSet<string>();
            var stack = new Stack<(string Node, string Path)>([(start, start)]);
            while (stack.TryPop(out var at))
            {
                foreach (var next in edges[at.Node])
                {
                    if (next == start)
                    {
                        problems.Add($"cycle: {at.Path} -> {start}");
                    }
                    else if (seen.Add(next))
                    {
                        stack.Push((next, $"{at.Path} -> {next}"));
                    }
                }
            }
        }

        return problems.Distinct().ToList();
    }

    private static string Show(string ns) => ns.Length == 0 ? "CpAlerts.Functions" : ns;

    private static IEnumerable<(string File, string Text)> FunctionsSources()
    {
        var root = Path.Combine(RepositoryRoot.Path, "functions");
        return Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllText(f)));
    }

    [Fact]
    public void Every_reference_in_the_executable_points_down_the_layers_and_none_goes_round_in_a_circle()
    {
        var references = References(FunctionsSources());

        Assert.NotEmpty(references); // the scan sees something
        Assert.Empty(Violations(references));
    }

    [Fact]
    public void Every_namespace_of_the_executable_has_a_layer()
    {
        var namespaces = FunctionsSources().Select(s => Namespace.Match(s.Text)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct();
        Assert.All(namespaces, n => Assert.True(Layers.ContainsKey(n), $"namespace '{n}' has no layer"));
    }

    [Theory]
    [InlineData("using CpAlerts.Functions.Storage;\nnamespace CpAlerts.Functions.Sweep;\n", "Sweep (layer 2) uses Storage (layer 3)")]
    [InlineData("namespace CpAlerts.Functions.Configuration;\nclass A { CpAlerts.Functions.Delivery.X x; }\n", "Configuration (layer 1) uses Delivery (layer 2)")]
    [InlineData("namespace CpAlerts.Functions.Csv;\nclass A { void F() => Cli.ExitCodes.Failed; }\n", "Csv (layer 3) uses Cli (layer 4)")]
    public void A_reference_against_the_direction_is_caught(string source, string problem)
    {
        var violations = Violations(References([("New.cs", source)]));

        Assert.Contains(violations, v => v.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_circle_within_a_layer_is_caught_and_comments_and_strings_are_not_references()
    {
        var violations = Violations(References(
        [
            ("A.cs", "namespace CpAlerts.Functions.Sweep;\nusing CpAlerts.Functions.Delivery;\n"),
            ("B.cs", "namespace CpAlerts.Functions.Delivery;\nclass B { void F() => Sweep.CouncilSweep.X(); }\n"),
            ("C.cs", "namespace CpAlerts.Functions.Ports;\n// see Cli.DemoCommand\nclass C { string s = \"Storage.Table\"; }\n"),
        ]));

        Assert.Contains(violations, v => v.StartsWith("cycle:", StringComparison.Ordinal));
        Assert.DoesNotContain(violations, v => v.Contains("Ports", StringComparison.Ordinal));
    }
}
