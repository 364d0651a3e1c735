namespace CpAlerts.Functions.Tests;

/// <summary>
/// The repository carries its own copies of the normative design (a clone has no ../shared): docs/rules.md
/// is RULES.md word for word, and docs/data-format.md begins with DATA-FORMAT.md word for word.
/// </summary>
public class NormativeDocsTests
{
    private static string Shared(string name) => Path.Combine(RepositoryRoot.Path, "..", "shared", "design", name);

    private static string Docs(string name) => Path.Combine(RepositoryRoot.Path, "docs", name);

    [Fact]
    public void The_projects_rules_are_the_shared_rules()
    {
        Assert.True(File.Exists(Shared("RULES.md")), "../shared/design is beside every checkout that runs the tests (CI copies it there)");
        Assert.Equal(File.ReadAllText(Shared("RULES.md")), File.ReadAllText(Docs("rules.md")));
    }

    [Fact]
    public void The_projects_data_format_begins_with_the_shared_one()
    {
        Assert.StartsWith(File.ReadAllText(Shared("DATA-FORMAT.md")), File.ReadAllText(Docs("data-format.md")), StringComparison.Ordinal);
    }
}
