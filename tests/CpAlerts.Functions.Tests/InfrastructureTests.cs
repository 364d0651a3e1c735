using System.Text.Json.Nodes;
using CpAlerts.Functions.Storage;

namespace CpAlerts.Functions.Tests;

/// <summary>
/// The security and wiring properties of infra-bicep/, read from the ARM JSON the real Bicep CLI compiled
/// (scripts/bicep.sh writes out/infra/main.json; scripts/test.sh runs it before the tests).
/// </summary>
public class InfrastructureTests
{
    private static readonly Lazy<JsonObject> Template = new(() =>
    {
        var path = RepositoryRoot.Out("infra", "main.json");
        return File.Exists(path)
            ? JsonNode.Parse(File.ReadAllText(path))!.AsObject()
            : throw new InvalidOperationException($"{path} is missing: run scripts/bicep.sh (scripts/test.sh does) to compile infra-bicep/.");
    });

    // Quotes as written, so expressions like createArray('sweeps', …) can be searched.
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every resource in the template and its nested module deployments, with the template that holds it.</summary>
    private static IEnumerable<(JsonObject Resource, JsonObject Template)> All(JsonObject? template = null)
    {
        template ??= Template.Value;
        foreach (var resource in template["resources"]!.AsArray().Select(r => r!.AsObject()))
        {
            yield return (resource, template);
            if ((string?)resource["type"] == "Microsoft.Resources/deployments")
            {
                foreach (var nested in All(resource["properties"]!["template"]!.AsObject()))
                {
                    yield return nested;
                }
            }
        }
    }

    private static List<JsonObject> OfType(string type) => [.. All().Where(r => (string?)r.Resource["type"] == type).Select(r => r.Resource)];

    private static JsonNode Properties(string type) => Assert.Single(OfType(type))["properties"]!;

    [Fact]
    public void Function_app_is_flex_consumption_custom_runtime_with_its_own_identity()
    {
        var plan = Assert.Single(OfType("Microsoft.Web/serverfarms"));
        Assert.Equal(("FC1", "FlexConsumption"), ((string?)plan["sku"]!["name"], (string?)plan["sku"]!["tier"]));
        var app = Assert.Single(OfType("Microsoft.Web/sites"));
        Assert.Equal("SystemAssigned", (string?)app["identity"]!["type"]);
        var p = app["properties"]!;
        Assert.True((bool)p["httpsOnly"]!);
        Assert.Equal("custom", (string?)p["functionAppConfig"]!["runtime"]!["name"]);
        Assert.Empty(p["functionAppConfig"]!["scaleAndConcurrency"]!["alwaysReady"]!.AsArray());
        Assert.Equal("[parameters('maximumInstanceCount')]", (string?)p["functionAppConfig"]!["scaleAndConcurrency"]!["maximumInstanceCount"]);
        Assert.Equal("SystemAssignedIdentity", (string?)p["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.Equal(("1.2", "Disabled"), ((string?)p["siteConfig"]!["minTlsVersion"], (string?)p["siteConfig"]!["ftpsState"]));
        Assert.All(OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), policy => Assert.False((bool)policy["properties"]!["allow"]!));
        Assert.Equal(2, OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").Count);
        Assert.Equal("uksouth", (string?)Template.Value["parameters"]!["location"]!["defaultValue"]);
    }

    [Fact]
    public void The_team_view_is_behind_entra_id_sign_in_and_trusts_the_platform_header_only_then()
    {
        var auth = Assert.Single(OfType("Microsoft.Web/sites/config"));
        Assert.Equal("[not(empty(parameters('signInClientId')))]", (string?)auth["condition"]);
        var p = auth["properties"]!;
        Assert.True((bool)p["platform"]!["enabled"]!);
        Assert.True((bool)p["globalValidation"]!["requireAuthentication"]!);
        Assert.Equal("RedirectToLoginPage", (string?)p["globalValidation"]!["unauthenticatedClientAction"]);
        Assert.Null(p["globalValidation"]!["excludedPaths"]); // nothing let through unauthenticated
        Assert.True((bool)p["identityProviders"]!["azureActiveDirectory"]!["enabled"]!);
        Assert.True((bool)p["httpSettings"]!["requireHttps"]!);
        var settings = Assert.Single(OfType("Microsoft.Web/sites"))["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
        Assert.Equal("[if(empty(parameters('signInClientId')), 'off', 'platform')]", settings["CpAlerts__Web__SignIn"]);
    }

    [Fact]
    public void No_keys_anywhere_identity_connections_and_a_key_vault_reference()
    {
        var settings = Assert.Single(OfType("Microsoft.Web/sites"))["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!);
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys); // no connection string
        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", settings.Keys);
        Assert.Contains("CpAlerts__Tables__Endpoint", settings.Keys);
        Assert.DoesNotContain("CpAlerts__Tables__ConnectionString", settings.Keys);
        Assert.StartsWith("[format('@Microsoft.KeyVault(VaultName=", settings["CpAlerts__SendGrid__ApiKey"], StringComparison.Ordinal);
        var text = Template.Value.ToJsonString(Readable);
        foreach (var secretish in new[] { "AccountKey=", "SharedAccessKey", "listKeys(", "SG." })
        {
            Assert.DoesNotContain(secretish, text, StringComparison.Ordinal);
        }

        Assert.Equal("securestring", (string?)Template.Value["parameters"]!["sendGridApiKey"]!["type"]);
        Assert.DoesNotContain("sendGridApiKey", Template.Value["outputs"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_allows_no_shared_keys_no_public_blobs_and_has_every_table_the_code_uses()
    {
        var p = Properties("Microsoft.Storage/storageAccounts");
        Assert.False((bool)p["allowSharedKeyAccess"]!);
        Assert.False((bool)p["allowBlobPublicAccess"]!);
        Assert.True((bool)p["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)p["minimumTlsVersion"]);
        var storageModule = All().Single(r => (string?)r.Resource["type"] == "Microsoft.Storage/storageAccounts").Template;
        var tables = storageModule["variables"]!["tableNames"]!.AsArray().Select(t => (string?)t).ToList();
        Assert.Equal(TableNames.All.Order(), tables.Order());
    }

    [Fact]
    public void Service_bus_has_every_entity_the_functions_use_with_duplicate_detection_and_dead_lettering()
    {
        Assert.True((bool)Properties("Microsoft.ServiceBus/namespaces")["disableLocalAuth"]!);
        var bus = All().Single(r => (string?)r.Resource["type"] == "Microsoft.ServiceBus/namespaces").Template;
        var busText = bus.ToJsonString(Readable);
        var functionJson = Directory.GetFiles(AppContext.BaseDirectory, "function.json", SearchOption.AllDirectories)
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["bindings"]!.AsArray())
            .Where(b => ((string?)b!["type"])!.StartsWith("serviceBus", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(functionJson);
        foreach (var binding in functionJson)
        {
            foreach (var entity in new[] { (string?)binding!["queueName"], (string?)binding["topicName"], (string?)binding["subscriptionName"] }.OfType<string>())
            {
                Assert.Contains($"'{entity}'", busText, StringComparison.Ordinal);
            }
        }

        var queue = Assert.Single(OfType("Microsoft.ServiceBus/namespaces/queues"))["properties"]!;
        var settings = bus["variables"]!["queueProperties"]!;
        Assert.Equal("[variables('queueProperties')]", (string?)queue);
        Assert.True((bool)settings["requiresDuplicateDetection"]!);
        Assert.True((bool)settings["deadLetteringOnMessageExpiration"]!);
        Assert.Equal("PT5M", (string?)settings["lockDuration"]);
        var subscription = Assert.Single(OfType("Microsoft.ServiceBus/namespaces/topics/subscriptions"))["properties"]!;
        Assert.True((bool)subscription["deadLetteringOnMessageExpiration"]!);
        // Every subscription has a reader: an unread one keeps its messages (and child ids) until the topic is full.
        var read = functionJson.Select(b => (string?)b!["subscriptionName"]).OfType<string>().ToHashSet();
        var subscriptionNames = bus["resources"]!.AsArray().Where(r => (string?)r!["type"] == "Microsoft.ServiceBus/namespaces/topics/subscriptions")
            .Select(r => r!["copy"]?["input"]?.ToJsonString() ?? (string?)r["name"]).ToList();
        Assert.Equal(["'delivery'"], System.Text.RegularExpressions.Regex.Matches(string.Join(" ", subscriptionNames), "'[a-z-]+'").Select(m => m.Value).Where(v => v != "'escalations'"));
        Assert.All(read, name => Assert.Contains($"'{name}'", string.Join(" ", subscriptionNames), StringComparison.Ordinal));
        Assert.True((bool)Properties("Microsoft.ServiceBus/namespaces/topics")["requiresDuplicateDetection"]!);
    }

    [Fact]
    public void Key_vault_uses_rbac_and_purge_protection()
    {
        var p = Properties("Microsoft.KeyVault/vaults");
        Assert.True((bool)p["enableRbacAuthorization"]!);
        Assert.True((bool)p["enablePurgeProtection"]!);
    }

    // Table Data Contributor, Blob Data Owner, Service Bus Data Sender and Receiver, Key Vault Secrets User, Monitoring Metrics Publisher.
    private static readonly string[] LeastPrivilegeRoles =
    [
        "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "4633458b-17de-408a-b874-0445c86b69e6", "3913510d-42f4-4e42-8a64-420c390055eb",
    ];

    [Fact]
    public void Role_assignments_are_exactly_the_least_privilege_set()
    {
        var roleModule = All().First(r => (string?)r.Resource["type"] == "Microsoft.Authorization/roleAssignments").Template;
        var roles = roleModule["variables"]!["roles"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        Assert.Equal(LeastPrivilegeRoles.Order(), roles.Values.Order());
        var assignments = OfType("Microsoft.Authorization/roleAssignments");
        Assert.Equal(roles.Count, assignments.Count);
        Assert.All(assignments, a => Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]));
        var text = Template.Value.ToJsonString(Readable);
        Assert.DoesNotContain("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", text, StringComparison.Ordinal); // Owner
        Assert.DoesNotContain("b24988ac-6180-42a0-ab88-20f7382dd24c", text, StringComparison.Ordinal); // Contributor
    }

    [Fact]
    public void Dead_letters_alert_the_operator_and_diagnostics_go_to_log_analytics()
    {
        var alert = Properties("Microsoft.Insights/metricAlerts");
        var criterion = alert["criteria"]!["allOf"]![0]!;
        Assert.Equal(("DeadletteredMessages", "GreaterThan", 0), ((string?)criterion["metricName"], (string?)criterion["operator"], (int)criterion["threshold"]!));
        Assert.Single(alert["actions"]!.AsArray());
        // Per queue or topic, and re-arming: one stuck dead-letter must not silence the next.
        Assert.Equal(("EntityName", "*"), ((string?)criterion["dimensions"]![0]!["name"], (string?)criterion["dimensions"]![0]!["values"]![0]));
        Assert.True((bool)alert["autoMitigate"]!);
        var errors = Properties("Microsoft.Insights/scheduledQueryRules");
        var query = (string)errors["criteria"]!["allOf"]![0]!["query"]!;
        foreach (var marker in new[] { "delivery failed", "configuration error", "message rejected" })
        {
            Assert.Contains(marker, query, StringComparison.Ordinal); // the handler's own error lines (HandlerLog)
        }
        Assert.Equal(2, OfType("Microsoft.Insights/diagnosticSettings").Count);
        var insights = Properties("Microsoft.Insights/components");
        Assert.True((bool)insights["DisableLocalAuth"]!);
    }
}
