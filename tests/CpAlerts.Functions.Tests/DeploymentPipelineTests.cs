using System.Diagnostics;
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

    /// <summary>The runtime infra-bicep/modules/functionapp.bicep asks Flex Consumption for, read from the Bicep itself.</summary>
    private static (string Name, string Version) BicepRuntime()
    {
        var bicep = File.ReadAllText(Repo("infra-bicep", "modules", "functionapp.bicep"));
        var match = Assert.Single(Regex.Matches(bicep, @"runtime: \{ name: '(?<name>[^']+)', version: '(?<version>[^']+)' \}"));
        return (match.Groups["name"].Value, match.Groups["version"].Value);
    }

    /// <summary>Runs a script of the repository with bash from the repository root; its exit code and output.</summary>
    private static (int Code, string Output) Bash(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("GITHUB_ACTIONS");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), $"bash {string.Join(' ', arguments)} finished");
        return (process.ExitCode, stdout + stderr.Result);
    }

    [Fact]
    public void Deploy_checks_the_region_offers_the_bicep_runtime_before_the_what_if()
    {
        var steps = Steps("deploy");
        var preflight = IndexOfRun(steps, "scripts/check-flex-runtime.sh");
        var whatIf = IndexOfRun(steps, "az deployment group what-if");
        var login = steps.FindIndex(s => Text(s, "uses")?.StartsWith("azure/login@", StringComparison.Ordinal) == true);
        Assert.True(login < preflight && preflight >= 0 && preflight < whatIf, $"sign-in ({login}) before the preflight ({preflight}) before the what-if ({whatIf})");
        Assert.Contains("\"$PARAMETERS_FILE\"", Text(steps[preflight], "run")); // the same parameters file, so the same region, as the what-if

        // What the script checks is what the Bicep asks for, in the region of the parameters file the workflow deploys.
        var (name, version) = BicepRuntime();
        Assert.Equal(("custom", "1.0"), (name, version));
        var parameters = File.ReadAllText(Repo("infra-bicep", "main.bicepparam"));
        var location = Regex.Match(parameters, @"^param location = '(?<location>[^']+)'", RegexOptions.Multiline).Groups["location"].Value;
        var printed = Bash("scripts/check-flex-runtime.sh", "--print", "infra-bicep/main.bicepparam");
        Assert.Equal(0, printed.Code);
        Assert.Equal($"{location} {name} {version}", printed.Output.Trim());
    }

    [Fact]
    public void The_preflight_passes_only_when_the_cli_lists_the_runtime_version_and_says_to_choose_another_region()
    {
        // A stand-in az on PATH answers as the CLI would: scripts/tests/check-flex-runtime.test.sh.
        var (code, output) = Bash("scripts/tests/check-flex-runtime.test.sh");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("not ok", output);
        Assert.True(Regex.Count(output, @"^ok \d+", RegexOptions.Multiline) >= 9, output);
    }

    [Fact]
    public void The_package_deployment_is_retried_while_role_assignments_propagate_in_the_workflow_and_in_azd()
    {
        // The workflow: the config-zip runs through the retry wrapper, after the deployment that creates the role assignments.
        var steps = Steps("deploy");
        var zip = IndexOfRun(steps, "az functionapp deployment source config-zip");
        Assert.Matches(@"^bash scripts/lib/retry-deploy\.sh az functionapp deployment source config-zip ", Text(steps[zip], "run")!.TrimStart());
        Assert.True(IndexOfRun(steps, "az deployment group create") < zip);

        // azd: the postprovision hook deploys the package azd up has just built through the same wrapper.
        var azd = Load(Repo("azure.yaml"));
        var hook = Map(Map(azd, "hooks"), "postprovision");
        var script = Text(hook, "run")!;
        Assert.Equal("scripts/azd-postprovision.sh", script);
        Assert.Equal("false", Text(hook, "continueOnError"));
        var body = File.ReadAllText(Repo(script));
        Assert.Contains(". scripts/lib/retry-deploy.sh", body);
        Assert.Matches(@"(?m)^retry_deploy az functionapp deployment source config-zip .*\\\n\s+--src ""\$zip""", body);
        Assert.Contains($"zip={PackageZip()}", body);
        var service = ((YamlScalarNode)Assert.Single(Map(azd, "services").Children).Key).Value;
        Assert.Contains($"service={service} ", body);

        // The wrapper retries 403 and BlobUploadFailedException, nothing else, for at most ten minutes by default.
        Assert.Contains("RETRY_DEPLOY_SECONDS:-600", File.ReadAllText(Repo("scripts", "lib", "retry-deploy.sh")));
        var (code, output) = Bash("scripts/tests/retry-deploy.test.sh");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("not ok", output);
        Assert.True(Regex.Count(output, @"^ok \d+", RegexOptions.Multiline) >= 8, output);
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
