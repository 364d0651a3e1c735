using System.Reflection;
using System.Xml.Linq;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// Dependencies point one way: domain ← application ← adapters ← the app (functions/) and the local stand-ins
/// (testing/) ← the operator's tool (tool/). The compiler keeps most of it, since each layer is a project and a
/// reference against the direction does not build; these tests keep what project references cannot say: that
/// nobody adds one against the direction or between adapters, that no namespace anywhere goes round in a circle
/// (read from the compiled code), and that the app's pages use the application's ports, not an adapter.
/// </summary>
public class ArchitectureTests
{
    /// <summary>Each project's layer; a project may reference only projects of a lower layer.</summary>
    public static readonly IReadOnlyDictionary<string, int> Layers = new Dictionary<string, int>
    {
        ["domain/CpAlerts.Domain.csproj"] = 0,
        ["application/CpAlerts.Application.csproj"] = 1,
        ["adapters/Csv/CpAlerts.Adapters.Csv.csproj"] = 2,
        ["adapters/Email/CpAlerts.Adapters.Email.csproj"] = 2,
        ["adapters/Scorecards/CpAlerts.Adapters.Scorecards.csproj"] = 2,
        ["adapters/ServiceBus/CpAlerts.Adapters.ServiceBus.csproj"] = 2,
        ["adapters/Storage/CpAlerts.Adapters.Storage.csproj"] = 2,
        ["adapters/Telemetry/CpAlerts.Adapters.Telemetry.csproj"] = 2,
        ["functions/CpAlerts.Functions.csproj"] = 3,
        ["testing/CpAlerts.Testing.csproj"] = 3,
        ["tool/CpAlerts.Tool.csproj"] = 4,
    };

    /// <summary>One assembly of each project, loaded as the tests run them.</summary>
    private static readonly Assembly[] Assemblies =
    [
        typeof(Domain.Rules.RulesEngine).Assembly, typeof(Application.Sweep.CouncilSweep).Assembly,
        typeof(Adapters.Csv.CsvOutput).Assembly, typeof(Adapters.Email.EmailTemplates).Assembly, typeof(Adapters.Scorecards.ScorecardPage).Assembly,
        typeof(Adapters.ServiceBus.ServiceBusRetries).Assembly, typeof(Adapters.Storage.TableStorage).Assembly, typeof(Adapters.Telemetry.HandlerMetrics).Assembly,
        typeof(Handler.HandlerApp).Assembly, typeof(Testing.LocalRun.LocalDispatcher).Assembly, typeof(Tool.Cli.ExitCodes).Assembly,
    ];

    private static readonly string[] ProductFolders = ["domain", "application", "adapters", "functions", "testing", "tool"];

    private static IEnumerable<string> Projects() =>
        ProductFolders.SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryRoot.Path, folder), "*.csproj", SearchOption.AllDirectories))
            .Select(p => Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/'));

    /// <summary>References against the direction or within a layer, as "from -> to" lines.</summary>
    public static IReadOnlyList<string> ReferenceViolations(IEnumerable<(string From, string To)> references) =>
    [
        .. references.Select(r => !Layers.TryGetValue(r.From, out var from) ? $"{r.From} has no layer; add it to ArchitectureTests.Layers"
            : !Layers.TryGetValue(r.To, out var to) ? $"{r.From} -> {r.To}: {r.To} has no layer"
            : to >= from ? $"{r.From} (layer {from}) -> {r.To} (layer {to})" : null).OfType<string>(),
    ];

    private static IEnumerable<(string From, string To)> ProjectReferences() =>
        from project in Projects()
        from reference in XDocument.Load(Path.Combine(RepositoryRoot.Path, project)).Descendants("ProjectReference")
        let to = Path.GetRelativePath(RepositoryRoot.Path, Path.GetFullPath(Path.Combine(RepositoryRoot.Path, Path.GetDirectoryName(project)!, (string)reference.Attribute("Include")!)))
        select (project, to.Replace('\\', '/'));

    [Fact]
    public void Every_project_reference_points_down_the_layers_and_no_adapter_references_another()
    {
        Assert.Equal(Layers.Keys.Order(), Projects().Order()); // every project has a layer, every layer a project
        Assert.NotEmpty(ProjectReferences());
        Assert.Empty(ReferenceViolations(ProjectReferences()));
    }

    [Theory]
    [InlineData("application/CpAlerts.Application.csproj", "adapters/Storage/CpAlerts.Adapters.Storage.csproj")]
    [InlineData("adapters/Scorecards/CpAlerts.Adapters.Scorecards.csproj", "adapters/Csv/CpAlerts.Adapters.Csv.csproj")]
    [InlineData("functions/CpAlerts.Functions.csproj", "testing/CpAlerts.Testing.csproj")]
    [InlineData("domain/CpAlerts.Domain.csproj", "application/CpAlerts.Application.csproj")]
    public void A_reference_against_the_direction_or_between_adapters_is_caught(string from, string to)
    {
        Assert.Single(ReferenceViolations([(from, to)]));
    }

    /// <summary>Every circle among the namespaces, one line each (strongly connected components of two or more).</summary>
    public static IReadOnlyList<string> Cycles(IEnumerable<(string From, string To)> edges)
    {
        var next = edges.Where(e => e.From != e.To).Distinct().ToLookup(e => e.From, e => e.To);
        var nodes = next.Select(g => g.Key).Concat(next.SelectMany(g => g)).Distinct().Order(StringComparer.Ordinal).ToList();
        var reaches = nodes.ToDictionary(n => n, n =>
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(next[n]);
            while (stack.TryPop(out var at))
            {
                if (seen.Add(at))
                {
                    foreach (var further in next[at])
                    {
                        stack.Push(further);
                    }
                }
            }

            return seen;
        });
        return
        [
            .. nodes.Select(n => nodes.Where(m => reaches[n].Contains(m) && reaches[m].Contains(n)).ToList())
                .Where(group => group.Count > 1)
                .Select(group => "circle: " + string.Join(" <-> ", group))
                .Distinct(),
        ];
    }

    [Fact]
    public void No_namespace_of_any_project_goes_round_in_a_circle_domain_included()
    {
        var edges = Assemblies.SelectMany(CompiledUses.Of)
            .Where(u => u.ToNamespace.StartsWith("CpAlerts.", StringComparison.Ordinal))
            .Select(u => (u.FromNamespace, u.ToNamespace)).ToList();

        Assert.Contains(edges, e => e.FromNamespace.StartsWith("CpAlerts.Domain.", StringComparison.Ordinal) && e.ToNamespace != e.FromNamespace); // the domain is seen
        Assert.Empty(Cycles(edges));
    }

    [Fact]
    public void A_circle_is_caught_however_long_and_a_chain_is_not_a_circle()
    {
        Assert.Equal(["circle: A <-> B <-> C"], Cycles([("A", "B"), ("B", "C"), ("C", "A"), ("C", "D")]));
        Assert.Empty(Cycles([("A", "B"), ("B", "C"), ("A", "C")]));
    }

    [Fact]
    public void The_apps_pages_use_the_applications_ports_and_wording_never_an_adapter()
    {
        // The composition (Handler) picks the adapters; the pages (Web) work through ports, as the functions do.
        var uses = CompiledUses.Of(typeof(Handler.HandlerApp).Assembly);

        Assert.Contains(uses, u => u.FromNamespace == "CpAlerts.Functions.Web" && u.ToNamespace.StartsWith("CpAlerts.Application", StringComparison.Ordinal));
        Assert.DoesNotContain(uses, u => u.FromNamespace == "CpAlerts.Functions.Web" && u.ToNamespace.StartsWith("CpAlerts.Adapters", StringComparison.Ordinal));
    }
}
