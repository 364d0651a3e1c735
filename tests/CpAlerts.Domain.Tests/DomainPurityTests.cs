using CpAlerts.Domain.Rules;

namespace CpAlerts.Domain.Tests;

public class DomainPurityTests
{
    [Fact]
    public void The_domain_references_nothing_from_azure_or_asp_net()
    {
        var references = typeof(RulesEngine).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("NodaTime", references);
        Assert.DoesNotContain(references, r => r.StartsWith("Azure", StringComparison.Ordinal) || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.Extensions", StringComparison.Ordinal) || r.StartsWith("System.Net", StringComparison.Ordinal) || r.StartsWith("System.IO", StringComparison.Ordinal));
    }
}
