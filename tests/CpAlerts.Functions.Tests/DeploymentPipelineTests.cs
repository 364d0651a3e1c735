using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The deployment as the repository describes it: .github/workflows/deploy.yml (actionlint checks its syntax in
/// scripts/test.sh; these tests check what it does) and azure.yaml for <c>azd up</c>, against the files they name.
/// </summary>
public class DeploymentPipelineTests
{
    private static string Repo(params string[] parts) => Path.Combine([RepositoryRoot.Path, .. parts]);

    private static readonly string WorkflowPath = Repo(".github", "workflows", "deploy.yml");

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Workflow => Load(WorkflowPath);

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];

    private static string? Text(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    private static List<YamlMappingNode> Steps(string job) =>
        [.. ((YamlSequenceNode)Map(Map(Workflow, "jobs"), job)["steps"]).Cast<YamlMappingNode>()];

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlMappingNode m => m.Children.SelectMany(c => Scalars(c.Key).Concat(Scalars(c.Value))),
        YamlSequenceNode q => q.SelectMany(Scalars),
        _ => [],
    };

    private static int IndexOfRun(List<YamlMappingNode> steps, string command) =>
        steps.FindIndex(s => Text(s, "run")?.Contains(command, StringComparison.Ordinal) == true);

    /// <summary>The zip scripts/package.sh writes, read from the script itself.</summary>
    private static string PackageZip()
    {
        var script = File.ReadAllText(Repo("scripts", "package.sh"));
        var zip = Regex.Match(script, @"zip -qr \.\./(?<name>[\w.-]+\.zip) \.").Groups["name"].Value;
        Assert.False(string.IsNullOrEmpty(zip), "scripts/package.sh zips out/package into out/<name>.zip");
        return "out/" + zip;
    }

    [Fact]
    public void The_workflow_builds_tests_and_packages_on_main_and_on_demand()
    {
        var on = Map(Workflow, "on");
        Assert.Equal(["main"], ((YamlSequenceNode)Map(on, "push")["branches"]).Select(b => ((YamlScalarNode)b).Value));
        Assert.True(on.Children.ContainsKey(new YamlScalarNode("workflow_dispatch")));
        Assert.Equal("read", Text(Map(Workflow, "permissions"), "contents"));
        Assert.Single(Map(Workflow, "permissions").Children); // nothing more for the build jobs

        Assert.True(IndexOfRun(Steps("build-and-test"), "bash scripts/test.sh") >= 0, "build-and-test runs the project's whole test script");
        var package = Steps("package");
        Assert.True(IndexOfRun(package, "scripts/package.sh") >= 0);
        var upload = Assert.Single(package, s => Text(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal(PackageZip(), Text(Map(upload, "with"), "path"));
        Assert.Equal("error", Text(Map(upload, "with"), "if-no-files-found"));
    }

    [Fact]
    public void Deploy_signs_in_with_oidc_from_variables_in_the_production_environment_and_never_overlaps()
    {
        var deploy = Map(Map(Workflow, "jobs"), "deploy");
        Assert.Equal(["build-and-test", "package"], ((YamlSequenceNode)deploy["needs"]).Select(n => ((YamlScalarNode)n).Value).Order());
        Assert.Equal("production", Text(deploy, "environment"));
        Assert.Equal("write", Text(Map(deploy, "permissions"), "id-token"));
        Assert.Equal("read", Text(Map(deploy, "permissions"), "contents"));
        Assert.False(string.IsNullOrEmpty(Text(Map(deploy, "concurrency"), "group")));
        Assert.Equal("false", Text(Map(deploy, "concurrency"), "cancel-in-progress"));

        var login = Assert.Single(Steps("deploy"), s => Text(s, "uses")?.StartsWith("azure/login@", StringComparison.Ordinal) == true);
        var with = Map(login, "with");
        Assert.Equal("${{ vars.AZURE_CLIENT_ID }}", Text(with, "client-id"));
        Assert.Equal("${{ vars.AZURE_TENANT_ID }}", Text(with, "tenant-id"));
        Assert.Equal("${{ vars.AZURE_SUBSCRIPTION_ID }}", Text(with, "subscription-id"));
        Assert.Equal(["client-id", "subscription-id", "tenant-id"], with.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order());

        // No secret is read anywhere: every id is a variable, and there is no client secret or credentials JSON.
        Assert.DoesNotContain(Scalars(Workflow), s => s.Contains("secrets.", StringComparison.Ordinal));
    }

    [Fact]
    public void Deploy_runs_what_if_then_the_deployment_then_deploys_the_tested_package()
    {
        var steps = Steps("deploy");
        var whatIf = IndexOfRun(steps, "az deployment group what-if");
        var create = IndexOfRun(steps, "az deployment group create");
        var zip = IndexOfRun(steps, "az functionapp deployment source config-zip");
        Assert.True(whatIf >= 0 && whatIf < create && create < zip, $"what-if ({whatIf}) before create ({create}) before the package ({zip})");
        Assert.All(new[] { whatIf, create }, i => Assert.Contains("-f infra-bicep/main.bicep", Text(steps[i], "run")));
        Assert.Contains($"--src {PackageZip()}", Text(steps[zip], "run"));

        // The package deployed is the artifact the package job uploaded, downloaded to where package.sh put it.
        var download = Assert.Single(steps, s => Text(s, "uses")?.StartsWith("actions/download-artifact@", StringComparison.Ordinal) == true);
        var upload = Assert.Single(Steps("package"), s => Text(s, "uses")?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal(Text(Map(upload, "with"), "name"), Text(Map(download, "with"), "name"));
        Assert.Equal(Path.GetDirectoryName(PackageZip()), Text(Map(download, "with"), "path"));

        // The default parameters file is the repository's own.
        var parameters = Text(Map(Map(Map(Workflow, "jobs"), "deploy"), "env"), "PARAMETERS_FILE")!;
        var fallback = Regex.Match(parameters, @"\|\| '(?<file>[^']+)'").Groups["file"].Value;
        Assert.True(File.Exists(Repo(fallback)), $"{fallback} exists");
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_sha_with_its_release_named()
    {
        var uses = File.ReadAllLines(WorkflowPath).Where(l => Regex.IsMatch(l, @"^\s*-?\s*uses:")).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(@"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$", line));
    }

    [Fact]
    public void Azure_yaml_provisions_infra_bicep_and_deploys_the_package_to_the_tagged_function_app()
    {
        var azd = Load(Repo("azure.yaml"));
        Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", Text(azd, "name")!); // the schema's pattern for name

        var infra = Map(azd, "infra");
        Assert.Equal("bicep", Text(infra, "provider"));
        var module = Text(infra, "module")!;
        Assert.True(File.Exists(Repo(Text(infra, "path")!, module + ".bicep")), "infra.path/module.bicep exists");
        Assert.True(File.Exists(Repo(Text(infra, "path")!, module + ".bicepparam")), "its parameters file, which azd reads");

        var service = Assert.Single(Map(azd, "services").Children);
        var name = ((YamlScalarNode)service.Key).Value!;
        Assert.Equal("function", Text(service.Value, "host"));
        var project = Text(service.Value, "project")!;
        Assert.True(Directory.Exists(Repo(project)));
        // Packaged by scripts/package.sh, the zip deployed as it is.
        Assert.Equal("custom", Text(service.Value, "language"));
        Assert.Equal(PackageZip(), Path.GetRelativePath(RepositoryRoot.Path, Path.GetFullPath(Repo(project, Text(service.Value, "dist")!))).Replace('\\', '/'));
        var prepackage = Map(Map(service.Value, "hooks"), "prepackage");
        Assert.Equal("scripts/package.sh", Text(prepackage, "run"));
        Assert.True(File.Exists(Repo(project, Text(prepackage, "run")!)));

        // azd finds the app by its azd-service-name tag: exactly one resource carries it, and it is the function app.
        var tagged = Directory.GetFiles(Repo(Text(infra, "path")!), "*.bicep", SearchOption.AllDirectories)
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"'azd-service-name':\s*'(?<name>[^']+)'").Select(m => (File: Path.GetFileName(f), Name: m.Groups["name"].Value)))
            .ToList();
        Assert.Equal([("functionapp.bicep", name)], tagged);
    }
}
